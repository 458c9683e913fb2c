"""Move aside the addons shipped in the Odoo wheels whose dependencies are
not installed.

Odoo 11 imports every addon that has a static/ folder on the first HTTP
request, and one ImportError there makes /web/static answer 404 for the life
of the process; auto-install bridges whose dependencies are absent stay "to
install" in every database and make the cron runner skip it. Usage:
    prune_addons.py ADDONS_DIR ASIDE_DIR
"""
import ast
import os
import shutil
import sys


def read_manifests(addons_dir):
    manifests = {}
    for name in sorted(os.listdir(addons_dir)):
        path = os.path.join(addons_dir, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                manifests[name] = ast.literal_eval(fh.read())
    return manifests


def unavailable(manifests):
    """Names whose dependencies, followed transitively, are not all here."""
    missing = set()
    changed = True
    while changed:
        changed = False
        for name, manifest in manifests.items():
            if name in missing:
                continue
            deps = manifest.get("depends", [])
            if any(dep not in manifests or dep in missing for dep in deps):
                missing.add(name)
                changed = True
    return missing


def main(addons_dir, aside_dir):
    """Compute over both folders which addons can't be met; move only those
    whose place is wrong (a re-run moves nothing)."""
    os.makedirs(aside_dir, exist_ok=True)
    here = read_manifests(addons_dir)
    aside = read_manifests(aside_dir)
    manifests = dict(aside, **here)
    missing = unavailable(manifests)
    for name in sorted(set(aside) - missing):
        if name in here:
            shutil.rmtree(os.path.join(aside_dir, name))
        else:
            shutil.move(os.path.join(aside_dir, name),
                        os.path.join(addons_dir, name))
    moved = []
    for name in sorted(missing & set(here)):
        target = os.path.join(aside_dir, name)
        if os.path.exists(target):
            shutil.rmtree(target)
        shutil.move(os.path.join(addons_dir, name), target)
        moved.append(name)
    if moved:
        print("[bootstrap] moved aside %d addons with missing dependencies: %s"
              % (len(moved), " ".join(moved)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
