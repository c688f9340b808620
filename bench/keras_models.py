"""Keras 3 on TensorFlow (CPU): the breadth issue's CNN and LSTM workloads, for `npm run bench`.

Prints one JSON object: training samples/s of model.fit at batch 64 for the one-conv and
two-conv CNNs on 28x28x1 inputs and for the LSTM regressor, each the median of timed epochs
after a warm-up epoch. Speed only: synthetic data and Keras's own initial weights.
"""
import json
import os
import statistics
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

quick = "--quick" in sys.argv
samples = 256 if quick else 4096
rounds = 2 if quick else 3
steps, features, units = (int(v) for v in (sys.argv[sys.argv.index("--lstm") + 1].split(",") if "--lstm" in sys.argv else (20, 8, 32)))
rng = np.random.default_rng(11)


def timed_fit(model, x, y):
    model.fit(x, y, batch_size=64, epochs=1, verbose=0)  # warm-up: builds and traces
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        model.fit(x, y, batch_size=64, epochs=1, verbose=0, shuffle=True)
        times.append(time.perf_counter() - start)
    return samples / statistics.median(times)


images = rng.random((samples, 28, 28, 1), dtype=np.float32)
labels = np.eye(10, dtype=np.float32)[rng.integers(0, 10, samples)]
result = {"keras": keras.__version__}
cnn1 = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(10, activation="softmax")])
cnn1.compile(optimizer=keras.optimizers.Adam(0.001), loss="categorical_crossentropy")
result["cnn1"] = timed_fit(cnn1, images, labels)
cnn2 = keras.Sequential([
    keras.Input((28, 28, 1)), layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(2),
    layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(10, activation="softmax"),
])
cnn2.compile(optimizer=keras.optimizers.Adam(0.001), loss="categorical_crossentropy")
result["cnn2"] = timed_fit(cnn2, images, labels)
seqs = rng.uniform(-1, 1, (samples, steps, features)).astype(np.float32)
target = seqs[:, :, 0].mean(axis=1, keepdims=True)
lstm = keras.Sequential([keras.Input((steps, features)), layers.LSTM(units), layers.Dense(1)])
lstm.compile(optimizer=keras.optimizers.Adam(0.001), loss="mse")
result["lstm"] = timed_fit(lstm, seqs, target)
print(json.dumps(result))
