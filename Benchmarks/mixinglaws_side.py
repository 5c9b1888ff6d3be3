#!/usr/bin/env python3
"""Side script of `mixspec-bench mixing-law`: turns Data Mixing Laws' released 5-domain losses
(github yegcjs/mixinglaws, data/5Mix/<size>.txt; no license, so read at run time, never committed)
into one CSV row per mixture, and adds the predictions of the per-domain laws the authors fitted in
mix_5_domains.ipynb (parameters read from that notebook's stored outputs).

Usage: mixinglaws_side.py REPO_DIR OUT.csv [--size 70M] [--step 30000]
Columns: mixture (the run name's ratio), r0..r4 (the mixture, in the order of the run names), then per domain <domain> (observed
loss at the step) and ref_<domain> (the authors' law evaluated at the mixture).
The aggregation follows the notebook: per-subdomain losses are merged into five domains with the
validation weights (pipeline/valid_weight.json), runs numbered above 900 are dropped, duplicate lines
count once.
"""
import csv, json, math, re, sys
from collections import defaultdict

DOMAINS = {
    "academic": ["ArXiv", "PubMed_Abstracts", "PhilPapers", "NIH_ExPorter", "FreeLaw", "USPTO_Backgrounds", "PubMed_Central"],
    "prose": ["PG19", "Books3", "BookCorpus2"],
    "dialogue": ["Ubuntu_IRC", "OpenSubtitles", "EuroParl", "Enron_Emails", "HackerNews", "YoutubeSubtitles"],
    "symbolic": ["DM_Mathematics", "Github"],
    "internet": ["Pile-CC", "OpenWebText2", "StackExchange", "Wikipedia_en"],
}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    repo, out = args[0], args[1]
    size = args[args.index("--size") + 1] if "--size" in args else "70M"
    step = int(args[args.index("--step") + 1]) if "--step" in args else 30000
    weights = json.load(open(f"{repo}/pipeline/valid_weight.json"))
    losses = defaultdict(lambda: defaultdict(dict))  # ratio -> subdomain -> step -> loss
    for line in set(open(f"{repo}/data/5Mix/{size}.txt")):
        model, data, loss = line.split()
        model = model.strip("/")
        parts = model.split("/")
        if int(parts[-2].split("-")[0].split("_")[-1]) > 900:
            continue
        ratio = "-".join(parts[-2].split("-")[1:])
        losses[ratio][data.split("/")[-1].split(".")[-2]][int(parts[-1])] = float(loss)

    params = notebook_parameters(f"{repo}/mix_5_domains.ipynb")
    rows = []
    for ratio in sorted(losses):
        r = [float(v) for v in ratio.split("-")]
        row = {"mixture": ratio, **{f"r{i}": v for i, v in enumerate(r)}}
        complete = True
        for domain, subs in DOMAINS.items():
            norm = sum(weights[s] for s in subs)
            try:
                row[domain] = sum(losses[ratio][s][step] * weights[s] / norm for s in subs)
            except KeyError:
                complete = False
                break
            log_c, log_k, *t = params[domain]
            row[f"ref_{domain}"] = math.exp(log_c) + math.exp(log_k + sum(a * b for a, b in zip(r, t)))
        if complete:
            rows.append(row)
    columns = ["mixture"] + [f"r{i}" for i in range(5)] + list(DOMAINS) + [f"ref_{d}" for d in DOMAINS]
    with open(out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v if isinstance(v, str) else repr(v) for k, v in row.items()})
    print(f"{len(rows)} mixtures at {size}, step {step}", file=sys.stderr)


def notebook_parameters(path):
    """The five `tensor([...])` outputs of the cell that fits one law per domain, in domain order."""
    notebook = json.load(open(path))
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code" or "linear_domain_params[domain] = law.fit" not in "".join(cell["source"]):
            continue
        text = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))
        found = re.findall(r"tensor\(\[([^\]]*)\]\)", text)
        if len(found) != len(DOMAINS):
            sys.exit(f"expected {len(DOMAINS)} fitted laws in the notebook, found {len(found)}")
        return {d: [float(v) for v in f.split(",")] for d, f in zip(DOMAINS, found)}
    sys.exit("the notebook has no cell fitting one law per domain")


if __name__ == "__main__":
    main()
