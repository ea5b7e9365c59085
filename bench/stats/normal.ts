/**
 * The standard normal distribution's upper tail, P(Z > z). Uses the Chebyshev-fitted complementary
 * error function of Numerical Recipes (erfcc): its relative error is below 1.2e-7 everywhere, tails
 * included, which matters here because Holm multiplies small p-values by the number of tests.
 */
export function normalUpperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}
