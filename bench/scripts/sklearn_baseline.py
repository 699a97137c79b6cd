#!/usr/bin/python3
"""The seed's scikit-learn pipeline, timed like `analyze`: StandardScaler, PCA(3), KMeans(k, n_init=10),
RandomForest(100, max_depth=10, class_weight=balanced) with stratified 5-fold cross-validation, then
a fit on all rows and accuracy on the eval file. Prints one JSON object shaped like the CLI's.

usage: sklearn_baseline.py --train <csv> [--eval <csv>] --label <column> [--clusters 6] [--restarts 10] [--seed 42] [--folds 5]
"""
import argparse
import csv
import json
import math
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, balanced_accuracy_score, silhouette_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.preprocessing import StandardScaler

FEATURES = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
            "instrumentalness", "liveness", "valence", "tempo", "duration_ms", "time_signature"]


def read(path, label, columns=None):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        present = columns or [c for c in FEATURES if c in reader.fieldnames]
        rows, labels = [], []
        for record in reader:
            rows.append([float(record[c]) if record[c] != "" else math.nan for c in present])
            labels.append(record[label])
    return np.asarray(rows, dtype=np.float64), np.asarray(labels), present


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--eval")
    p.add_argument("--label", required=True)
    p.add_argument("--clusters", type=int, default=6)
    p.add_argument("--restarts", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--folds", type=int, default=5)
    a = p.parse_args()

    t = time.perf_counter()
    x, y, columns = read(a.train, a.label)
    xe, ye, _ = read(a.eval, a.label, columns) if a.eval else (None, None, None)
    read_ms = (time.perf_counter() - t) * 1000

    start = time.perf_counter()
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    t_scale = time.perf_counter()

    pca = PCA(n_components=3, random_state=a.seed).fit(z)
    pca.transform(z)
    t_pca = time.perf_counter()

    kmeans = KMeans(n_clusters=a.clusters, n_init=a.restarts, init="k-means++", random_state=a.seed).fit(z)
    silhouette = silhouette_score(z, kmeans.labels_, sample_size=min(2000, len(z)), random_state=a.seed)
    t_kmeans = time.perf_counter()

    def forest():
        return RandomForestClassifier(n_estimators=100, max_depth=10, class_weight="balanced",
                                      random_state=a.seed, n_jobs=-1)

    folds = StratifiedKFold(n_splits=a.folds, shuffle=True, random_state=a.seed)
    cv_pred = cross_val_predict(forest(), z, y, cv=folds)
    model = forest().fit(z, y)
    eval_acc = eval_bal = None
    if xe is not None:
        pred = model.predict(scaler.transform(xe))
        eval_acc, eval_bal = accuracy_score(ye, pred), balanced_accuracy_score(ye, pred)
    t_end = time.perf_counter()

    values, counts = np.unique(y, return_counts=True)
    ms = lambda s, e: round((e - s) * 1000, 1)
    r4 = lambda v: None if v is None else round(float(v), 4)
    print(json.dumps({
        "rows": int(len(z)),
        "features": columns,
        "timingsMs": {"read": round(read_ms, 1), "scale": ms(start, t_scale), "pca": ms(t_scale, t_pca),
                      "kmeans": ms(t_pca, t_kmeans), "classifier": ms(t_kmeans, t_end), "total": ms(start, t_end)},
        "pca": {"explainedVariance": [r4(v) for v in pca.explained_variance_ratio_]},
        "kmeans": {"k": a.clusters, "inertiaPerRow": r4(kmeans.inertia_ / len(z)), "silhouette": r4(silhouette)},
        "classifier": {"cvAccuracy": r4(accuracy_score(y, cv_pred)),
                       "cvBalancedAccuracy": r4(balanced_accuracy_score(y, cv_pred)),
                       "evalAccuracy": r4(eval_acc), "evalBalancedAccuracy": r4(eval_bal),
                       "baseline": r4(counts.max() / counts.sum())},
    }, indent=2))


if __name__ == "__main__":
    main()
