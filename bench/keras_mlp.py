"""Keras 3 on TensorFlow (CPU), the speed issue's workloads, for `npm run bench`.

Prints one JSON object: samples/s for the 784-128-10 MLP (fit at batch 32 and 256, predict at
batch 256) and steps/s for the 2-3-1 network at batch 1, each the median of timed rounds after
a warm-up, plus the versions and thread counts. Speed only: the data are synthetic and the
weights Keras's own (the bench's TF.js rows check agreement of values).
"""
import json
import os
import statistics
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

quick = "--quick" in sys.argv
samples, features, hidden, classes = (256, 64, 32, 10) if quick else (4096, 784, 128, 10)
rounds = 2 if quick else 3
tiny_epochs = 4 if quick else 128

rng = np.random.default_rng(7)
x = rng.random((samples, features), dtype=np.float32)
y = np.eye(classes, dtype=np.float32)[rng.integers(0, classes, samples)]


def mlp():
    model = keras.Sequential([keras.Input((features,)), keras.layers.Dense(hidden, activation="relu"), keras.layers.Dense(classes, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.001), loss="categorical_crossentropy")
    return model


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


result = {"keras": keras.__version__, "tensorflow": tf.__version__, "intraOpThreads": tf.config.threading.get_intra_op_parallelism_threads()}
for batch in (32, 256):
    model = mlp()
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)  # warm-up: builds and traces
    times = [timed(lambda: model.fit(x, y, batch_size=batch, epochs=1, verbose=0, shuffle=True)) for _ in range(rounds)]
    result[f"fit{batch}"] = samples / statistics.median(times)
model = mlp()
model.predict(x, batch_size=256, verbose=0)
result["predict256"] = samples / statistics.median([timed(lambda: model.predict(x, batch_size=256, verbose=0)) for _ in range(rounds)])

xor_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
xor_y = np.array([[0], [1], [1], [0]], dtype=np.float32)
tiny = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="sigmoid"), keras.layers.Dense(1)])
tiny.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
tiny.fit(xor_x, xor_y, batch_size=1, epochs=2, verbose=0)
result["tiny"] = 4 * tiny_epochs / statistics.median([timed(lambda: tiny.fit(xor_x, xor_y, batch_size=1, epochs=tiny_epochs, verbose=0)) for _ in range(rounds)])
print(json.dumps(result))
