"""The standard normal CDF and its inverse, without importing scipy (a tenth of a second of
every fresh ``regie run``).

Ports of Moshier's Cephes Math Library routines ``ndtr`` (through ``erf`` and ``erfc``) and
``ndtri``, the public-domain algorithms behind ``scipy.special.ndtr`` and ``ndtri``: the
same coefficients, the same operations in the same order (each polynomial by Horner's
rule, ``polevl``/``p1evl``), and the C library's ``exp``, ``log`` and ``sqrt`` (Python's
``math`` calls them), so the values are scipy's bit for bit (tests/test_normal.py checks a
dense grid and a season's inputs).
"""

from __future__ import annotations

import math

import numpy as np

SQRT1_2 = 7.07106781186547524401e-1  # 1/sqrt(2)
SQRT2PI = 2.50662827463100050242e0  # sqrt(2 pi)
MAXLOG = 7.09782712893383996843e2  # log(largest double): exp underflows below -MAXLOG
EXP_M2 = 0.13533528323661269189  # exp(-2)

# erfc(x) = exp(-x^2) P(x) / Q(x) for 1 <= x < 8, and R(x) / S(x) from 8 on (Q and S
# monic: the leading 1 is left out); erf(x) = x T(x^2) / U(x^2) for |x| <= 1.
_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_Q = (
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_S = (
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_U = (
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
# ndtri: w + w^3 P0(w^2) / Q0(w^2) around the median (|y - 0.5| <= 3/8); in the tails, in
# z = 1/sqrt(-2 log y): P1/Q1 for y down to exp(-32), P2/Q2 beyond.
_P0 = (
    -5.99633501014107895267e1,
    9.80010754185999661536e1,
    -5.66762857469070293439e1,
    1.39312609387279679503e1,
    -1.23916583867381258016e0,
)
_Q0 = (
    1.95448858338141759834e0,
    4.67627912898881538453e0,
    8.63602421390890590575e1,
    -2.25462687854119370527e2,
    2.00260212380060660359e2,
    -8.20372256168333339912e1,
    1.59056225126211695515e1,
    -1.18331621121330003142e0,
)
_P1 = (
    4.05544892305962419923e0,
    3.15251094599893866154e1,
    5.71628192246421288162e1,
    4.40805073893200834700e1,
    1.46849561928858024014e1,
    2.18663306850790267539e0,
    -1.40256079171354495875e-1,
    -3.50424626827848203418e-2,
    -8.57456785154685413611e-4,
)
_Q1 = (
    1.57799883256466749731e1,
    4.53907635128879210584e1,
    4.13172038254672030440e1,
    1.50425385692907503408e1,
    2.50464946208309415979e0,
    -1.42182922854787788574e-1,
    -3.80806407691578277194e-2,
    -9.33259480895457427372e-4,
)
_P2 = (
    3.23774891776946035970e0,
    6.91522889068984211695e0,
    3.93881025292474443415e0,
    1.33303460815807542389e0,
    2.01485389549179081538e-1,
    1.23716634817820021358e-2,
    3.01581553508235416007e-4,
    2.65806974686737550832e-6,
    6.23974539184983293730e-9,
)
_Q2 = (
    6.02427039364742014255e0,
    3.67983563856160859403e0,
    1.37702099489081330271e0,
    2.16236993594496635890e-1,
    1.34204006088543189037e-2,
    3.28014464682127739104e-4,
    2.89247864745380683936e-6,
    6.79019408009981274425e-9,
)


def _polevl(x, coef: tuple[float, ...]):  # noqa: ANN001, ANN202 (floats or arrays)
    """coef[0] x^n + ... + coef[n] by Horner's rule, a multiply and an add a step."""
    ans = coef[0]
    for c in coef[1:]:
        ans = ans * x + c
    return ans


def _p1evl(x, coef: tuple[float, ...]):  # noqa: ANN001, ANN202 (floats or arrays)
    """x^n + coef[0] x^(n-1) + ... + coef[n-1] (a monic polynomial), as Cephes' p1evl."""
    ans = x + coef[0]
    for c in coef[1:]:
        ans = ans * x + c
    return ans


def ndtr(a: np.ndarray) -> np.ndarray:
    """The standard normal CDF at every element of `a` (float64): scipy.special.ndtr's
    values. Near the median through erf, in the tails through erfc of |a|/sqrt(2)."""
    x = np.asarray(a, dtype=float) * SQRT1_2
    z = np.abs(x)
    out = np.empty_like(x)
    near = z < 1.0
    if near.any():  # 0.5 + 0.5 erf(x), erf odd: computed on |x| and given x's sign
        s = z[near]
        s2 = s * s
        erf = s * _polevl(s2, _T) / _p1evl(s2, _U)
        out[near] = 0.5 + 0.5 * np.copysign(erf, x[near])
    far = ~near
    if far.any():  # 0.5 erfc(|x|), and 1 minus that above the median
        s = np.minimum(z[far], 27.0)  # from 26.7 on exp(-s^2) underflows: the value is 0
        minus_sq = -s * s
        # the C library's exp, as Cephes calls it (numpy's own may round differently)
        e = np.fromiter(map(math.exp, minus_sq.tolist()), float, count=len(s))
        mid = s < 8.0
        p, q = np.empty_like(s), np.empty_like(s)
        p[mid], q[mid] = _polevl(s[mid], _P), _p1evl(s[mid], _Q)
        p[~mid], q[~mid] = _polevl(s[~mid], _R), _p1evl(s[~mid], _S)
        erfc = e * p / q  # (exp x p) / q, as Cephes writes it
        erfc[minus_sq < -MAXLOG] = 0.0  # underflow: Cephes returns 0
        half = 0.5 * erfc
        out[far] = np.where(x[far] > 0, 1.0 - half, half)
    return out


def ndtri(y: float) -> float:
    """The standard normal quantile at `y` in [0, 1]: scipy.special.ndtri's value."""
    if y == 0.0:
        return -math.inf
    if y == 1.0:
        return math.inf
    if not 0.0 < y < 1.0:
        return math.nan
    upper = y > 1.0 - EXP_M2
    if upper:
        y = 1.0 - y
    if y > EXP_M2:
        w = y - 0.5
        w2 = w * w
        return (w + w * (w2 * _polevl(w2, _P0) / _p1evl(w2, _Q0))) * SQRT2PI
    x = math.sqrt(-2.0 * math.log(y))
    x0 = x - math.log(x) / x
    z = 1.0 / x
    p, q = (_P1, _Q1) if x < 8.0 else (_P2, _Q2)  # x < 8: y > exp(-32)
    x = x0 - z * _polevl(z, p) / _p1evl(z, q)
    return x if upper else -x
