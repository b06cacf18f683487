#!/usr/bin/python3
"""Draws bench/results/chart.png from results.json: one horizontal bar per workload and network showing how many
times better FtpMount does than rclone, than sshfs (the reference C FUSE network filesystem) or than the direct
download, on a log scale, with the issue's target as a black mark. Bars right of 1 mean FtpMount is better;
green = target met, red = missed, grey = no target, blue = against sshfs (a reference, no target)."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def colour(bar):
    # Files from before the sshfs column have no "baseline".
    if bar.get("baseline") == "sshfs":
        return "#1565c0"
    if bar["met"] is None:
        return "#9e9e9e"
    return "#2e7d32" if bar["met"] else "#c62828"


def main(source, target_png):
    with open(source, encoding="utf-8") as f:
        results = json.load(f)
    bars = results["chart"]
    networks = []
    for bar in bars:
        if bar["network"] not in networks:
            networks.append(bar["network"])
    if not bars:
        print("chart.py: no bars to draw", file=sys.stderr)
        return 1

    height = 0.42 * len(bars) + 1.6 + 0.5 * len(networks)
    fig, axes = plt.subplots(len(networks), 1, figsize=(11, height), squeeze=False,
                             gridspec_kw={"height_ratios": [sum(1 for b in bars if b["network"] == n) for n in networks]})
    values = [b["advantage"] for b in bars] + [b["target"] for b in bars if b["target"]]
    low, high = min(values + [1.0]) / 1.6, max(values + [1.0]) * 1.6
    for axis, network in zip(axes[:, 0], networks):
        mine = [b for b in bars if b["network"] == network]
        labels = [b["label"] for b in mine]
        colours = [colour(b) for b in mine]
        positions = range(len(mine))
        # Bars grow from 1 (parity): right means FtpMount is better, left means worse.
        axis.barh(positions, [b["advantage"] - 1.0 for b in mine], color=colours, left=1.0)
        for y, b in zip(positions, mine):
            right = b["advantage"] >= 1.0
            axis.text(b["advantage"] * (1.04 if right else 0.96), y, f"{b['advantage']:.2f}×", va="center",
                      ha="left" if right else "right", fontsize=8)
            if b["target"]:
                axis.plot([b["target"], b["target"]], [y - 0.42, y + 0.42], color="black", linewidth=2.2)
        axis.axvline(1.0, color="#555555", linestyle="--", linewidth=1)
        axis.set_xscale("log")
        axis.set_xlim(low, high)
        axis.set_yticks(list(positions))
        axis.set_yticklabels(labels, fontsize=8)
        axis.invert_yaxis()
        axis.set_title(network, fontsize=10, loc="left")
        axis.grid(axis="x", which="both", alpha=0.25)
    axes[-1, 0].set_xlabel("times better than rclone, sshfs or the direct download, log scale; black mark = target")
    fig.suptitle("FtpMount vs rclone mount over FTP, and vs sshfs (green: target met, red: missed, grey: no target, "
                 "blue: vs sshfs)", fontsize=11)
    fig.tight_layout()
    fig.savefig(target_png, dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
