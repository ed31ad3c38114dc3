"""Reads JSON-LD documents with pyld and rdflib, as a Python consumer would on their defaults.

Input (stdin): a JSON list of jobs {"document": <path or object>, "base": <IRI or null>},
or {"nquads": <path>} to read an N-Quads file with rdflib (the reference to compare with).
Output (stdout): a JSON list, per job, of {"pyld": [N-Quads lines], "rdflib": [[s, p, o], ...]}
where rdflib's terms are written in N-Triples form, sorted. Nothing is fetched: every
document given has its context inline.
"""
import json
import sys

import rdflib
from pyld import jsonld


def read(job):
    if "nquads" in job:
        graph = rdflib.Graph()
        with open(job["nquads"], encoding="utf-8") as f:
            graph.parse(data=f.read(), format="nquads")
        return {"rdflib": sorted([s.n3(), p.n3(), o.n3()] for s, p, o in graph)}
    doc = job["document"]
    if isinstance(doc, str):
        with open(doc, encoding="utf-8") as f:
            doc = json.load(f)
    options = {"format": "application/n-quads"}
    if job.get("base"):
        options["base"] = job["base"]
    nquads = jsonld.to_rdf(doc, options)
    graph = rdflib.Graph()
    graph.parse(data=json.dumps(doc), format="json-ld", base=job.get("base"))
    triples = sorted([s.n3(), p.n3(), o.n3()] for s, p, o in graph)
    return {"pyld": sorted(line for line in nquads.split("\n") if line), "rdflib": triples}


def main():
    jobs = json.load(sys.stdin)
    json.dump([read(job) for job in jobs], sys.stdout)


if __name__ == "__main__":
    main()
