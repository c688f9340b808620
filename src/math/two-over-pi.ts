/**
 * floor(2/pi * 2^1280): the first 1280 bits of 2/pi after the binary point (2/pi < 1), for
 * Payne-Hanek reduction. Printed by scripts/math/fit-coefficients.py, section "2/pi bits"
 * (mpmath at 1600 bits of precision).
 */
export const TWO_OVER_PI_BITS: bigint = BigInt(
  '0xa2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e006492eea09d192'
  + '1cfe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde0598'
  + '0fef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d'
  + '0856033046fc7b6babf0cfbc209af4361d',
);

/** The number of bits after the binary point held in TWO_OVER_PI_BITS. */
export const TWO_OVER_PI_SCALE: number = 1280;
