/** The package version, written into model files as `generatedBy: 'SameBits <version>'`. */
export const SAMEBITS_VERSION: string = '0.1.0';
