#!/usr/bin/env python3
"""Seeded fuzz test of mgsim's input surface (issue #16).

Generates COUNT malformed or edge-case inputs from the shipped case files,
meshes and databases and the command line of every command, runs each, and
checks that mgsim either runs (exit 0) or refuses cleanly: exit code 2,
exactly one line on stderr of at most MAX_LINE characters, "mgsim: error: "
followed by the file (or option) at fault, no stack trace, no raw bytes, no
output directory left. A mutation that must be refused (NaN, garbage, a
misspelled key, UTF-16, ...) must not be accepted, and a harmless one (CRLF,
a UTF-8 byte-order mark, comments, reordered sections) must not be refused.
Each case has TIMEOUT seconds. Most cases run `mgsim check` (everything a
run validates, without the run); a share run for a few steps.

Usage: fuzz.py MGSIM SOURCE_DIR WORK_DIR [--seed N] [--count N] [--jobs N]
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import time

MAX_LINE = 300  # the message line; paths in the work directory are ~60
TIMEOUT = 60

parser = argparse.ArgumentParser()
parser.add_argument("mgsim")
parser.add_argument("source")
parser.add_argument("work")
parser.add_argument("--seed", type=int, default=16)
parser.add_argument("--count", type=int, default=260)
parser.add_argument("--jobs", type=int, default=2)
args = parser.parse_args()

rng = random.Random(args.seed)
work = os.path.abspath(args.work)
source = os.path.abspath(args.source)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)



def read(path):
    with open(path, "rb") as f:
        return f.read()


def shipped_case(name):
    """The case file's text with its relative paths made absolute, short
    (0.25 days) and on the coarse mesh."""
    text = read(os.path.join(source, "cases", name + ".cfg")).decode()
    text = text.replace("../meshes/", os.path.join(source, "meshes") + "/")
    text = set_key(text, "time", "end_days", "0.25")
    return set_key(text, "mesh", "refinements", "0")


def set_key(text, section, key, value):
    """text with [section] key = value (replaced, or added)."""
    lines = text.split("\n")
    current, at = None, None
    for i, line in enumerate(lines):
        m = re.match(r"\s*\[(.+)\]", line)
        if m:
            current = m.group(1)
            if current == section:
                at = i
        elif current == section and re.match(r"\s*" + re.escape(key) + r"\s*=", line):
            lines[i] = "%s = %s" % (key, value)
            return "\n".join(lines)
    if at is None:
        return text + "\n[%s]\n%s = %s\n" % (section, key, value)
    lines.insert(at + 1, "%s = %s" % (key, value))
    return "\n".join(lines)


def key_lines(text):
    """(line index, section, key, value) of every key line."""
    result, section = [], None
    for i, line in enumerate(text.split("\n")):
        m = re.match(r"\s*\[(.+)\]", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"\s*([A-Za-z0-9_]+)\s*=\s*([^#]*)", line)
        if m and section:
            result.append((i, section, m.group(1), m.group(2).strip()))
    return result


CASES = {n: shipped_case(n) for n in
         ["wire_in_muscle", "wire_in_tumour", "pin_in_bone", "extract_vial",
          "stent_in_artery", "wire_array_in_tumour"]}
DATABASES = {n: read(os.path.join(source, "solver", "data", n + ".cfg"))
             for n in ["alloys", "tissues", "media"]}


def is_number(value):
    try:
        float(value)
        return True
    except ValueError:
        return False


# --- the wire mesh as .msh (for mesh mutations) ------------------------------
def wire_msh():
    """The wire's cached .msh, meshed by `mgsim check` if needed."""
    case = os.path.join(work, "mesh_source.cfg")
    with open(case, "w") as f:
        f.write(CASES["wire_in_muscle"])
    subprocess.run([args.mgsim, "check", case], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    for cache in [os.path.join(source, "meshes", ".mgsim-cache"),
                  os.path.expanduser("~/.cache/mgsim")]:
        if os.path.isdir(cache):
            found = sorted((os.path.getmtime(os.path.join(cache, f)), f)
                           for f in os.listdir(cache)
                           if f.startswith("wire_in_tissue") and f.endswith(".msh"))
            if found:
                return read(os.path.join(cache, found[-1][1]))
    sys.exit("FAIL: no cached mesh of wire_in_tissue.geo")


MSH = wire_msh()

# --- mutations ----------------------------------------------------------------
# Each returns (description, files {name: bytes}, argv, expectation) with
# expectation "refuse", "accept" or "either"; files are written into the
# case's directory, "CASE" in argv is the case file.

NUMERIC_EXTREMES = ["nan", "inf", "-inf", "1e308", "1e-308", "-1", "0", "1e30",
                    "-1e30", "0x10", "1e", "--1"]
NEVER_VALID = {"nan", "inf", "-inf", "1e", "--1"}


def case_text():
    name = rng.choice(list(CASES))
    return name, CASES[name]


def key_line_mutation(what, edit, expectation):
    """One key line of a shipped case changed by edit(lines, index, key)."""
    name, text = case_text()
    i, section, key, _ = rng.choice(key_lines(text))
    lines = text.split("\n")
    edit(lines, i, key)
    return ("%s: [%s] %s %s" % (name, section, key, what),
            {"case.cfg": "\n".join(lines).encode()}, ["check", "CASE"], expectation)


def m_delete_key():
    return key_line_mutation("deleted", lambda lines, i, key: lines.pop(i), "either")


def m_duplicate_key():
    return key_line_mutation("twice", lambda lines, i, key: lines.insert(i + 1, lines[i]),
                             "refuse")


def m_misspell_key():
    def misspell(lines, i, key):
        lines[i] = lines[i].replace(key, key + rng.choice(["s", "_x", "e"]), 1)
    return key_line_mutation("misspelled", misspell, "refuse")


def numeric_value_mutation(values, expectation):
    """A numeric key of a shipped case set to one of @p values;
    expectation(value) says whether it must be refused."""
    name, text = case_text()
    numeric = [k for k in key_lines(text) if is_number(k[3])]
    i, section, key, _ = rng.choice(numeric)
    value = rng.choice(values)
    return ("%s: [%s] %s = %s" % (name, section, key, value),
            {"case.cfg": set_key(text, section, key, value).encode()},
            ["check", "CASE"], expectation(value))


def m_wrong_type():
    return numeric_value_mutation(["abc", "1,5", "true", "1 2", "'3'"],
                                  lambda value: "refuse")


def m_numeric_extreme():
    return numeric_value_mutation(
        NUMERIC_EXTREMES, lambda value: "refuse" if value in NEVER_VALID else "either")


def m_numeric_run():
    """An extreme value that passes validation must also run: the run (12
    steps) ends with exit 0, or is refused before it starts."""
    name = "wire_in_muscle"
    text = set_key(CASES[name], "output", "vtu", "false")
    section, key, values = rng.choice([
        ("time", "min_step_hours", ["1e-300", "1e-9", "0.5"]),
        ("output", "every_hours", ["1e-300", "1e-3", "1e300", "0.5"]),
        ("region.tissue", "mg_diffusivity_m2_per_s", ["1e-300", "1e-15", "1e-6", "1"]),
        ("region.tissue", "mg_clearance_per_s", ["0", "1e-300", "1e3"]),
        ("region.tissue", "mg_background_mM", ["0", "1e-300", "1e3"]),
        ("implant", "environment_factor", ["1e-300", "1e-6", "1e3"]),
        ("implant", "pitting_weibull_shape", ["0", "0.004", "0.1", "1e3"]),
        ("implant", "pit_size_um", ["1e-3", "1e6"]),
        ("implant", "rate_steady_mm_per_y", ["0", "1e-300", "1e-9", "1e4"]),
        ("thresholds", "band_edges_mM", ["1e-300", "1e300", "5, 5", "10, 5"]),
        ("solver", "linear_tolerance", ["1e-16", "1e-2"]),
        ("solver", "max_undershoot", ["1e-300", "1e3"]),
        ("gas", "model", ["none", "exchange"])])
    value = rng.choice(values)
    return ("%s run: [%s] %s = %s" % (name, section, key, value),
            {"case.cfg": set_key(text, section, key, value).encode()},
            ["run", "CASE", "--output", "OUT"], "either")


def m_header():
    name, text = case_text()
    lines = text.split("\n")
    headers = [i for i, l in enumerate(lines) if l.startswith("[")]
    i = rng.choice(headers)
    lines[i] = rng.choice(["[" + lines[i][1:-1], "[]", "[unknown_section]",
                           lines[i] + "]", "[ " + lines[i][1:]])
    return ("%s: header -> %s" % (name, lines[i]),
            {"case.cfg": "\n".join(lines).encode()}, ["check", "CASE"], "refuse")


def m_harmless():
    name, text = case_text()
    kind = rng.choice(["crlf", "bom", "comments", "reorder", "spaces"])
    if kind == "crlf":
        data = text.replace("\n", "\r\n").encode()
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    elif kind == "comments":
        data = "\n".join(l + "  # note" if "=" in l and "#" not in l else l
                         for l in text.split("\n")).encode()
    elif kind == "spaces":
        data = "\n".join("  " + l.replace(" = ", "=") for l in text.split("\n")).encode()
    else:
        sections = re.split(r"\n(?=\[)", text)
        head, rest = sections[0], sections[1:]
        rng.shuffle(rest)
        data = "\n".join([head] + rest).encode()
    return ("%s: harmless %s" % (name, kind), {"case.cfg": data},
            ["check", "CASE"], "accept")


def m_encoding():
    name, text = case_text()
    kind = rng.choice(["utf16", "utf16-nobom", "binary", "latin1", "nul", "truncated"])
    raw = text.encode()
    if kind == "utf16":
        data = text.encode("utf-16")
    elif kind == "utf16-nobom":
        data = text.encode("utf-16-le")
    elif kind == "binary":
        at = rng.randrange(len(raw))
        data = raw[:at] + bytes(rng.randrange(256) for _ in range(16)) + raw[at:]
    elif kind == "latin1":
        at = rng.randrange(len(raw))
        data = raw[:at] + b"\xe9\xfc" + raw[at:]
    elif kind == "nul":
        at = rng.randrange(len(raw))
        data = raw[:at] + b"\x00" + raw[at:]
    else:
        data = raw[:rng.randrange(len(raw))]
    expectation = "either" if kind in ("binary", "truncated") else "refuse"
    return ("%s: %s" % (name, kind), {"case.cfg": data}, ["check", "CASE"], expectation)


def mesh_case(mesh_name="wire.msh"):
    return set_key(CASES["wire_in_muscle"], "mesh", "file", mesh_name).encode()


def m_mesh():
    kind = rng.choice(["truncated", "garbled", "renamed", "unnamed", "empty_group",
                       "binary_header", "not_msh", "degenerate"])
    msh = MSH.decode()
    expectation = "refuse"
    if kind == "truncated":
        data = MSH[:rng.choice([0, 10, 100, 1000, len(MSH) // 3, len(MSH) // 2,
                                len(MSH) - 100, len(MSH) - 5])]
        expectation = "either" if len(data) > len(MSH) - 10 else "refuse"
    elif kind == "garbled":
        raw = bytearray(MSH)
        for _ in range(rng.choice([1, 5, 50])):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
        expectation = "either"
    elif kind == "renamed":
        names = re.findall(r'^\d+ \d+ "([^"]+)"', msh, re.M)
        old = rng.choice(names)
        data = msh.replace('"%s"' % old, '"%s_x"' % old).encode()
    elif kind == "unnamed":
        data = re.sub(r"\$PhysicalNames.*?\$EndPhysicalNames\n", "", msh,
                      flags=re.S).encode()
    elif kind == "empty_group":
        # The boundary group keeps its name but no face carries its tag.
        m = re.search(r'^2 (\d+) "outer"', msh, re.M)
        data = msh.replace(m.group(0), '2 999 "outer"').encode()
    elif kind == "binary_header":
        data = msh.replace("2.2 0 8", "2.2 1 8", 1).encode()
    elif kind == "not_msh":
        data = b"solid cube\nfacet normal 0 0 1\n"
    else:
        # An element that repeats a vertex: the first hexahedron's last
        # node replaced by its first.
        lines = msh.split("\n")
        start = lines.index("$Elements") + 2
        for i in range(start, len(lines)):
            f = lines[i].split()
            if len(f) > 2 and f[1] == "5":
                f[-1] = f[-8]
                lines[i] = " ".join(f)
                break
        data = "\n".join(lines).encode()
    return ("mesh: %s" % kind, {"wire.msh": data, "case.cfg": mesh_case()},
            ["check", "CASE"], expectation)


def m_database():
    name = rng.choice(["alloys", "tissues", "media"])
    text = DATABASES[name].decode()
    kind = rng.choice(["delete", "nan", "garbage", "binary", "directory", "misspell"])
    entries = key_lines(text)
    i, section, key, value = rng.choice(entries)
    lines = text.split("\n")
    files = {}
    if kind == "delete":
        del lines[i]
    elif kind == "nan":
        lines[i] = "%s = nan" % key
    elif kind == "garbage":
        lines[i] = "%s = %s" % (key, rng.choice(["abc", "1 2", "#", "1e"]))
    elif kind == "misspell":
        lines[i] = lines[i].replace(key, key + "x", 1)
    data = "\n".join(lines).encode()
    if kind == "binary":
        data = data[:100] + b"\x00\x01\x02" + data[100:]
    case = CASES["wire_in_tumour"]
    if name == "media":
        case = set_key(case, "chemistry", "enabled", "true")
    if kind == "directory":
        case = set_key(case, "databases", name, "database_dir")
        files["database_dir/placeholder"] = b""
    else:
        case = set_key(case, "databases", name, "db.cfg")
        files["db.cfg"] = data
    files["case.cfg"] = case.encode()
    # Text values (descriptions, sources) may be anything; numbers may not.
    expectation = "refuse" if kind in ("binary", "directory", "misspell") or (
        kind in ("nan", "garbage") and is_number(value)) else "either"
    return ("database %s: %s [%s] %s" % (name, kind, section, key), files,
            ["check", "CASE"], expectation)


def m_directory():
    kind = rng.choice(["case", "mesh"])
    files = {"thing/placeholder": b""}
    if kind == "case":
        return ("directory as case file", files, ["check", "thing"], "refuse")
    files["case.cfg"] = mesh_case("thing")
    return ("directory as mesh", files, ["check", "CASE"], "refuse")


def m_cli():
    case = ["CASE"]
    files = {"case.cfg": CASES["wire_in_muscle"].encode()}
    command, extra = rng.choice([
        ("run", ["--stop-after-minutes", rng.choice(["nan", "-1", "0", "x", "inf"])]),
        ("run", ["--resume", "--overwrite"]),
        ("run", ["--output", ""]),
        ("run", ["--set", rng.choice(["x", "time.end_days", "=1", "time.=2", "time.end_days=x"])]),
        ("run", ["--unknown-option"]),
        ("run", ["--output"]),
        ("check", ["extra.cfg"]),
        ("compare", ["--alloys", rng.choice([",", "", "unobtainium", "pure_Mg,,x"])]),
        ("compare", []),
        ("calibrate", ["--alloy", "pure_Mg", "--measured-mM", rng.choice(["nan", "-1", "0", "x"])]),
        ("calibrate", ["--alloy", "pure_Mg", "--measured-mM", "5",
                       "--at-hours", rng.choice(["nan", "-5", "inf", "0"])]),
        ("calibrate", ["--measured-mM", "5"]),
        ("study", ["--jobs", rng.choice(["0", "-1", "x"])]),
        ("alloys", ["--database", rng.choice(["missing.cfg", "thing"])]),
        ("tissues", ["--database", "thing"]),
        ("media", ["--bogus"]),
        ("nonsense", []),
    ])
    files["thing/placeholder"] = b""
    argv = [command] + ([] if command in ("alloys", "tissues", "media", "nonsense") else case) + extra
    if command == "run" and "--output" not in extra:
        argv += ["--output", "OUT"]
    return ("cli: %s" % " ".join(argv), files, argv, "refuse")


MUTATIONS = [(m_delete_key, 2), (m_duplicate_key, 2), (m_misspell_key, 2),
             (m_wrong_type, 2), (m_numeric_extreme, 5), (m_numeric_run, 2),
             (m_header, 1), (m_harmless, 2), (m_encoding, 3), (m_mesh, 4),
             (m_database, 3), (m_directory, 1), (m_cli, 3)]
pool = [m for m, weight in MUTATIONS for _ in range(weight)]


def run_case(number, mutation):
    description, files, argv, expectation = mutation
    directory = os.path.join(work, "%03d" % number)
    os.makedirs(directory)
    for name, data in files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    out = os.path.join(directory, "out")
    argv = [os.path.join(directory, "case.cfg") if a == "CASE" else
            out if a == "OUT" else
            os.path.join(directory, a) if a in ("thing", "extra.cfg") else a for a in argv]
    if argv[0] == "study":
        argv[1] = os.path.join(source, "cases", "studies", "tumour_uncertainty.cfg")
        argv += ["--plan", "--output", out]
    start = time.time()
    try:
        result = subprocess.run([args.mgsim] + argv, capture_output=True,
                                timeout=TIMEOUT, cwd=directory)
    except subprocess.TimeoutExpired:
        return number, description, ["hang: more than %d s" % TIMEOUT]
    seconds = time.time() - start
    problems = []
    code = result.returncode
    err = result.stderr.decode("utf-8", "replace")
    if code not in (0, 2):
        problems.append("exit code %d: %s" % (code, err[:300]))
    elif code == 0 and expectation == "refuse":
        problems.append("silently accepted")
    elif code == 2 and expectation == "accept":
        problems.append("harmless input refused: " + err.strip())
    if code == 2:
        lines = err.split("\n")
        if lines[-1] == "":
            lines.pop()
        if len(lines) != 1:
            problems.append("%d lines on stderr: %r" % (len(lines), err[:400]))
        elif not lines[0].startswith("mgsim: error: "):
            problems.append("not an mgsim error line: " + lines[0][:200])
        else:
            line = lines[0]
            if len(line) > MAX_LINE:
                problems.append("%d characters: %s" % (len(line), line))
            if re.search(r"[\x00-\x1f\x7f]|\ufffd", line):
                problems.append("raw bytes: %r" % line)
            if "Stacktrace" in line or "#0 " in line or "An error occurred" in line:
                problems.append("a stack trace: " + line[:200])
            if directory not in line and "mgsim " not in line and "--" not in line \
                    and "unknown command" not in line and not line.startswith(
                        "mgsim: error: " + source):
                problems.append("names no file or option: " + line)
        if os.path.exists(out):
            problems.append("left an output directory")
    return number, description, problems, code, seconds


cases = [(n, rng.choice(pool)()) for n in range(args.count)]
failures, codes, slowest = 0, {}, (0, "")
with concurrent.futures.ThreadPoolExecutor(args.jobs) as executor:
    for result in executor.map(lambda c: run_case(*c), cases):
        number, description, problems = result[:3]
        if len(result) > 3:
            codes[result[3]] = codes.get(result[3], 0) + 1
            slowest = max(slowest, (result[4], description))
        if problems:
            failures += 1
            print("FAIL %03d %s: %s" % (number, description, "; ".join(problems)))
print("%d cases (seed %d): exit codes %s; slowest %.1f s (%s)" %
      (len(cases), args.seed, dict(sorted(codes.items())), slowest[0], slowest[1]))
if failures:
    sys.exit("FAIL: %d of %d cases" % (failures, len(cases)))
print("PASS")
