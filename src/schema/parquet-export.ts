import type { ParquetExport } from '../domain/sentinel-api.js';
import { builder } from './builder.js';

export const ExportContentEnum = builder.enumType('ExportContent', {
  values: {
    HISTORY: { value: 'history', description: 'Every stored update' },
    BOOK: { value: 'book', description: 'The open positions of the current book' },
  } as const,
});

const ParquetExportRef = builder.objectRef<ParquetExport>('ParquetExport').implement({
  description:
    'Parquet files written by the service, partitioned by symbol (folder/symbol=SPY/data_0.parquet)',
  fields: (t) => ({
    folder: t.exposeString('folder', {
      description: "The folder written, an absolute path on the service's machine",
    }),
    what: t.expose('what', { type: ExportContentEnum }),
    rows: t.exposeInt('rows'),
    symbols: t.exposeInt('symbols'),
  }),
});

builder.mutationFields((t) => ({
  exportPositions: t.field({
    type: ParquetExportRef,
    description:
      "Writes the position history (or the book) as Parquet, partitioned by symbol, into `out`: a new or empty folder on the service's machine, relative to the service's working directory. The running service holds its store, so this is how its history is exported without stopping it",
    args: {
      out: t.arg.string({ required: true }),
      what: t.arg({ type: ExportContentEnum, defaultValue: 'history' }),
    },
    resolve: (_root, args, ctx) => ctx.api.exports.parquet({ out: args.out, what: args.what ?? 'history' }),
  }),
}));
