package org.jisr.kb.eval;

import java.util.List;

/** L2-regularised logistic regression fitted by Newton's method (a dozen weights: exact and fast). */
final class Logistic {

    private Logistic() {
    }

    /** Weights: index 0 is the bias, then one per feature. The bias is not regularised. */
    static double[] fit(List<double[]> x, List<Integer> y, double lambda) {
        return fit(x, y, null, lambda);
    }

    /** The same with a weight per row (null: all 1). */
    static double[] fit(List<double[]> x, List<Integer> y, double[] rowWeights, double lambda) {
        int d = x.getFirst().length + 1;
        double[] w = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < x.size(); i++) {
                double[] xi = withBias(x.get(i));
                double p = sigmoid(dot(w, xi));
                double rw = rowWeights == null ? 1 : rowWeights[i];
                double r = rw * (y.get(i) - p);
                double s = rw * Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < d; a++) {
                    g[a] += r * xi[a];
                    for (int b = 0; b < d; b++) {
                        h[a][b] += s * xi[a] * xi[b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                g[a] -= lambda * w[a];
                h[a][a] += lambda;
            }
            double[] step = solve(h, g);
            double change = 0;
            for (int a = 0; a < d; a++) {
                w[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-7) {
                break;
            }
        }
        return w;
    }

    /**
     * Conditional logit (softmax over each group's rows): the weights that make each group's right row score
     * highest, with no bias (it cancels within a group). For ranking candidates: {@code groups.get(g)} holds one
     * query's candidates, {@code right.get(g)} the index of the right one.
     */
    static double[] fitConditional(List<double[][]> groups, List<Integer> right, double lambda) {
        int d = groups.getFirst()[0].length;
        double[] w = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int k = 0; k < groups.size(); k++) {
                double[][] x = groups.get(k);
                double[] p = new double[x.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < x.length; i++) {
                    p[i] = dot(w, x[i]);
                    max = Math.max(max, p[i]);
                }
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    p[i] = Math.exp(p[i] - max);
                    sum += p[i];
                }
                double[] mean = new double[d];
                for (int i = 0; i < x.length; i++) {
                    p[i] /= sum;
                    for (int a = 0; a < d; a++) {
                        mean[a] += p[i] * x[i][a];
                    }
                }
                double[] xr = x[right.get(k)];
                for (int a = 0; a < d; a++) {
                    g[a] += xr[a] - mean[a];
                }
                for (int i = 0; i < x.length; i++) {
                    for (int a = 0; a < d; a++) {
                        double da = x[i][a] - mean[a];
                        if (da == 0) {
                            continue;
                        }
                        for (int b = 0; b < d; b++) {
                            h[a][b] += p[i] * da * (x[i][b] - mean[b]);
                        }
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                g[a] -= lambda * w[a];
                h[a][a] += lambda;
            }
            double[] step = solve(h, g);
            double change = 0;
            for (int a = 0; a < d; a++) {
                w[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-7) {
                break;
            }
        }
        return w;
    }

    static double logLoss(double[] w, List<double[]> x, List<Integer> y) {
        double loss = 0;
        for (int i = 0; i < x.size(); i++) {
            double p = Math.min(Math.max(sigmoid(dot(w, withBias(x.get(i)))), 1e-12), 1 - 1e-12);
            loss -= y.get(i) == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return loss / x.size();
    }

    private static double[] withBias(double[] x) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    private static double dot(double[] w, double[] x) {
        double z = 0;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[n + 1];
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double piv = Math.abs(m[c][c]) < 1e-12 ? 1e-12 : m[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / piv;
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / (Math.abs(m[r][r]) < 1e-12 ? 1e-12 : m[r][r]);
        }
        return x;
    }
}
