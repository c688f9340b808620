# Oracle values for test/models/lr-callbacks.test.ts and early-stopping.test.ts: Keras 3's
# EarlyStopping, ReduceLROnPlateau and CSVLogger driven with scripted epoch logs.
# Run once: KERAS_BACKEND=tensorflow /tmp/kvenv/bin/python test/models/testdata/callbacks-keras.py > test/models/testdata/callbacks-keras.json
import json
import os
import tempfile
import keras
import numpy as np

def model(lr=0.1):
    m = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    m.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    return m

EARLY = [
    ([1.0, 0.9, 0.95, 0.96, 0.97, 0.5], dict(patience=2)),
    ([1.0, 0.9, 0.95, 0.96, 0.97, 0.5], dict(patience=0)),
    ([1.0, 0.99, 0.98, 0.97, 0.96, 0.95], dict(patience=1, min_delta=0.015)),
    ([1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4], dict(patience=1, baseline=0.75)),
    ([1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4], dict(patience=2, baseline=0.3)),
    ([5.0, 4.0, 6.0, 7.0, 3.0, 3.5, 3.6, 3.7], dict(patience=2, start_from_epoch=3)),
    ([0.5, 0.6, 0.6, 0.55, 0.7, 0.7, 0.7], dict(patience=1, mode="max")),
    ([1.0, 1.0 - 1e-9, 1.0 - 2e-9, 1.0 - 3e-9], dict(patience=1)),  # improvements float64 sees, float32 does not
    ([1.0, 0.9999, 0.9998, 0.5], dict(patience=2, min_delta=1e-4)),
]
PLATEAU = [
    ([1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8], dict(patience=2, factor=0.5), 0.1),
    ([1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8], dict(patience=1, factor=0.5, cooldown=2), 0.1),
    ([1.0] * 12, dict(patience=1, factor=0.1, min_lr=1e-4), 0.1),
    ([1.0, 0.99995, 0.9999, 0.99985, 0.9, 0.89999, 0.89998], dict(patience=1, factor=0.3), 0.01),
    ([0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3], dict(patience=1, factor=0.7, mode="max"), 0.003),
]

out = {"keras": keras.__version__, "earlyStopping": [], "reduceLROnPlateau": [], "csv": []}
for values, args in EARLY:
    cb = keras.callbacks.EarlyStopping(monitor="val_loss", **args)
    m = model()
    cb.set_model(m)
    cb.on_train_begin()
    waits = []
    for e, v in enumerate(values):
        cb.on_epoch_end(e, {"val_loss": v})
        waits.append(cb.wait)
        if m.stop_training:
            break
    out["earlyStopping"].append({"values": values, "args": args, "epochsRun": len(waits), "stoppedEpoch": cb.stopped_epoch, "waits": waits, "best": cb.best, "bestEpoch": cb.best_epoch})
for values, args, lr in PLATEAU:
    cb = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", **args)
    m = model(lr)
    cb.set_model(m)
    cb.on_train_begin()
    lrs = []
    for e, v in enumerate(values):
        cb.on_epoch_end(e, {"val_loss": v})
        lrs.append(float(np.asarray(m.optimizer.learning_rate)))
    out["reduceLROnPlateau"].append({"values": values, "args": args, "learningRate": lr, "learningRates": lrs})

LOGS = [
    {"loss": 0.6931471824645996, "acc": 0.5, "val_loss": 0.7000000476837158, "val_acc": 0.25},
    {"loss": 1.0000000116860974e-07, "acc": 1.0, "val_loss": float("nan"), "val_acc": 123456789012345680.0},
]
for sep, logs in [(",", LOGS), (";", LOGS), (",", [{k: v for k, v in l.items() if not k.startswith("val_")} for l in LOGS])]:
    path = os.path.join(tempfile.mkdtemp(), "log.csv")
    cb = keras.callbacks.CSVLogger(path, separator=sep)
    cb.set_model(model())
    cb.on_train_begin()
    for e, l in enumerate(logs):
        cb.on_epoch_end(e, dict(l))
    cb.on_train_end()
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    logs_json = [{k: (v if np.isfinite(v) else repr(v)) for k, v in l.items()} for l in logs]
    out["csv"].append({"separator": sep, "logs": logs_json, "text": text})
print(json.dumps(out, indent=1))
