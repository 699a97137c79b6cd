#!/usr/bin/python3
"""Runs `analyze` and sklearn_baseline.py alternately (never at the same time), N runs each, and prints
medians as a Markdown table. Build first: dotnet build -c Release bench/SpotifyDashboard.Bench

usage: compare_analyze.py <data-folder> [runs]
"""
import json
import os
import statistics
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
data = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
args = ["--train", os.path.join(data, "genre_train_artistsplit.csv"), "--eval", os.path.join(data, "genre_eval_artistsplit.csv"),
        "--label", "playlist_genre", "--clusters", "6", "--seed", "42"]
dotnet = ["dotnet", os.path.join(root, "bench/SpotifyDashboard.Bench/bin/Release/net10.0/SpotifyDashboard.Bench.dll"), "analyze"] + args + ["--no-importance"]  # the baseline computes no importance
sklearn = ["/usr/bin/python3", os.path.join(here, "sklearn_baseline.py")] + args

results = {"ML.NET engine": [], "scikit-learn": []}
for _ in range(runs):
    for name, command in (("ML.NET engine", dotnet), ("scikit-learn", sklearn)):
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results[name].append(json.loads(out))


def med(name, *path):
    values = []
    for r in results[name]:
        v = r
        for p in path:
            v = v[p]
        values.append(v)
    return statistics.median(values)


rows = [
    ("scale (ms)", ("timingsMs", "scale")), ("PCA (ms)", ("timingsMs", "pca")), ("k-means ×10 + silhouette (ms)", ("timingsMs", "kmeans")),
    ("classifier: 5-fold CV + fit + eval (ms)", ("timingsMs", "classifier")), ("**total (ms)**", ("timingsMs", "total")),
    ("k-means inertia per row", ("kmeans", "inertiaPerRow")), ("silhouette (2,000-row sample)", ("kmeans", "silhouette")),
    ("CV accuracy", ("classifier", "cvAccuracy")), ("eval accuracy", ("classifier", "evalAccuracy")),
    ("eval balanced accuracy", ("classifier", "evalBalancedAccuracy")), ("majority baseline", ("classifier", "baseline")),
]
print(f"| median of {runs} | ML.NET engine | scikit-learn |")
print("|---|---|---|")
for label, path in rows:
    print(f"| {label} | {med('ML.NET engine', *path)} | {med('scikit-learn', *path)} |")
pca = lambda name: [round(sum(r["pca"]["explainedVariance"]), 4) for r in results[name]][0]
print(f"| PCA(3) explained variance (sum) | {pca('ML.NET engine')} | {pca('scikit-learn')} |")
print()
print("raw totals (ms):", {k: [r["timingsMs"]["total"] for r in v] for k, v in results.items()})
