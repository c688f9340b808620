// tf.data: datasets of elements produced on demand (TF.js semantics), the input of fitDataset.
export { Dataset } from './dataset.js';
export type { DataIterator, DatasetLineage, PassPath } from './dataset.js';
export type { DataElement } from './element.js';
export { batchElements } from './element.js';
export { array, generator, zip } from './sources.js';
export type { GeneratorSource, ZipInput } from './sources.js';
export { CSVDataset, csv, installFileReader, parseCsvLine } from './csv.js';
export type { CSVConfig, CSVSource, ColumnConfig } from './csv.js';
export { digestElements, chainDigest, datasetIdentity, CHAIN_START } from './digest.js';
export { data } from './namespace.js';
export type { DataNamespace } from './namespace.js';
