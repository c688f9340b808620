# Oracle values for test/optimizers/schedules.test.ts: Keras 3 learning-rate schedules evaluated
# at integer steps, given as int64 tensors as an optimizer passes its iteration count; float32.
# Run once: KERAS_BACKEND=tensorflow /tmp/kvenv/bin/python test/optimizers/testdata/schedules-keras.py > test/optimizers/testdata/schedules-keras.json
import json
import keras
import numpy as np
from keras.optimizers import schedules as S

STEPS = list(range(0, 41)) + [99, 100, 101, 250, 999, 1000, 1001, 5000, 123457, 16777217]
CASES = [
    ("ExponentialDecay", dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5)),
    ("ExponentialDecay", dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=True)),
    ("ExponentialDecay", dict(initial_learning_rate=0.01, decay_steps=7, decay_rate=0.96)),
    ("ExponentialDecay", dict(initial_learning_rate=1e-3, decay_steps=1000, decay_rate=1.5)),
    ("PiecewiseConstantDecay", dict(boundaries=[10, 20, 1000], values=[0.1, 0.05, 0.01, 0.001])),
    ("CosineDecay", dict(initial_learning_rate=0.1, decay_steps=30)),
    ("CosineDecay", dict(initial_learning_rate=0.1, decay_steps=30, alpha=0.1)),
    ("CosineDecay", dict(initial_learning_rate=0.0, decay_steps=25, warmup_target=0.1, warmup_steps=10)),
    ("CosineDecay", dict(initial_learning_rate=0.01, decay_steps=1000, alpha=0.3, warmup_target=0.2, warmup_steps=7)),
]

out = {"keras": keras.__version__, "backend": keras.backend.backend(), "steps": STEPS, "cases": []}
for name, config in CASES:
    schedule = getattr(S, name)(**config)
    values = [float(np.asarray(schedule(keras.ops.convert_to_tensor(s, dtype="int64")), dtype=np.float32)) for s in STEPS]
    values = [v if np.isfinite(v) else repr(v) for v in values]  # JSON has no inf: written as "inf"
    out["cases"].append({"class_name": name, "config": config, "values": values, "keras_config": keras.saving.serialize_keras_object(schedule)})
print(json.dumps(out))
