# Generates the expected bits of test/optimizers/keras-emulation.test.ts:
#   python3 test/optimizers/testdata/keras-emulation.py
# NumPy float32 emulation of Keras 3 update_step (keras/src/optimizers/*.py), evaluated exactly
# as the Python source reads: tensors float32, Python-float hyperparameters weakly typed
# (cast to float32 where they meet a tensor; `1 - beta` formed in float64 first): NEP 50
# promotion, so NumPy >= 2 is required.
import numpy as np
from fractions import Fraction
f = np.float32
def power(b, t):  # float32(b)^t exactly, rounded via float64 (checked against powf below)
    return f(float(Fraction(float(f(b))) ** t))
W0 = [1, -0.5, 0.25, 2]
G = [[0.5, -1, 2, 0], [0.25, 0.5, -3, 0.125], [-0.75, 1.5, 1, -0.5], [0.1, -0.2, 0.3, 0.4]]
def arr(x): return np.array(x, dtype=np.float32)
def hexs(a): return ' '.join('%08x' % v for v in np.asarray(a, dtype=np.float32).view(np.uint32))

def sgd(lr, mom, nest):
    w = arr(W0); m = arr([0]*4); lr = f(lr)
    for g in G:
        g = arr(g)
        if mom != 0:
            mu = f(mom)
            m = m * mu - g * lr
            w = w + (m * mu - g * lr) if nest else w + m
        else:
            w = w - g * lr
    return w
def adam(lr, b1, b2, eps, ams, wd=None):
    w = arr(W0); m = arr([0]*4); v = arr([0]*4); vh = arr([0]*4); lr = f(lr)
    for k, g in enumerate(G):
        g = arr(g)
        if wd is not None: w = w - w * f(wd) * lr
        b1p = power(b1, k+1); b2p = power(b2, k+1)
        assert b1p == np.power(f(b1), f(k+1)) and b2p == np.power(f(b2), f(k+1))
        alpha = lr * np.sqrt(f(1) - b2p) / (f(1) - b1p)
        m = m + (g - m) * (1 - b1)
        v = v + (np.square(g) - v) * (1 - b2)
        if ams:
            vh = np.maximum(vh, v); vv = vh
        else: vv = v
        w = w - (m * alpha) / (np.sqrt(vv) + eps)
    return w
def adamax(lr, b1, b2, eps):
    w = arr(W0); m = arr([0]*4); u = arr([0]*4); lr = f(lr)
    for k, g in enumerate(G):
        g = arr(g); b1p = power(b1, k+1)
        m = m + (g - m) * (1 - b1)
        u = np.maximum(b2 * u, np.abs(g))
        w = w - (lr * m) / ((f(1) - b1p) * (u + eps))
    return w
def rmsprop(lr, rho, mom, eps, centered):
    w = arr(W0); v = arr([0]*4); a = arr([0]*4); mm = arr([0]*4); lr = f(lr)
    for g in G:
        g = arr(g)
        v = rho * v + (1 - rho) * np.square(g)
        if centered:
            a = rho * a + (1 - rho) * g
            d = v - np.square(a) + eps
        else: d = v + eps
        inc = (lr * g) / np.sqrt(d)
        if mom > 0:
            mm = mom * mm + inc; w = w - mm
        else: w = w - inc
    return w
def adagrad(lr, init, eps):
    w = arr(W0); acc = arr([init]*4); lr = f(lr)
    for g in G:
        g = arr(g)
        acc = acc + np.square(g)
        w = w - (lr * g) / np.sqrt(acc + eps)
    return w
def adadelta(lr, rho, eps):
    w = arr(W0); eg = arr([0]*4); edx = arr([0]*4); lr = f(lr)
    for g in G:
        g = arr(g)
        eg = rho * eg + (1 - rho) * np.square(g)
        d = -((np.sqrt(edx + eps) * g) / np.sqrt(eg + eps))
        edx = rho * edx + (1 - rho) * np.square(d)
        w = w + lr * d
    return w
print("sgd", hexs(sgd(0.1, 0, False)))
print("sgd_momentum", hexs(sgd(0.1, 0.9, False)))
print("sgd_nesterov", hexs(sgd(0.1, 0.9, True)))
print("adam", hexs(adam(0.1, 0.9, 0.999, 1e-7, False)))
print("adam_amsgrad", hexs(adam(0.1, 0.9, 0.5, 1e-7, True)))
print("adam_beta2_half", hexs(adam(0.1, 0.9, 0.5, 1e-7, False)))
print("adamw", hexs(adam(0.1, 0.9, 0.999, 1e-7, False, 0.004)))
print("adamax", hexs(adamax(0.1, 0.9, 0.999, 1e-7)))
print("rmsprop", hexs(rmsprop(0.1, 0.9, 0, 1e-7, False)))
print("rmsprop_centered_momentum", hexs(rmsprop(0.05, 0.8, 0.3, 1e-3, True)))
print("adagrad", hexs(adagrad(0.1, 0.1, 1e-7)))
print("adadelta", hexs(adadelta(1.0, 0.95, 1e-7)))
