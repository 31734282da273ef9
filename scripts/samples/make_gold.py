# Turns data-samples/gold/mentions-gold.txt (sentences with [[surface|QID]] markup) into the
# JSON Lines gold that `marsad eval-mentions` reads: {"id", "date", "text", "mentions":
# [{"start", "end", "entity_id"}], "unlinked": [{"start", "end"}]}, offsets in characters.
# Run: python3 scripts/samples/make_gold.py
import json, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(os.path.dirname(os.path.dirname(HERE)), "data-samples", "gold")
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")

def convert(line):
    gid, day, marked = line.rstrip("\n").split("\t")
    text, mentions, unlinked, pos = "", [], [], 0
    for m in MARK.finditer(marked):
        text += marked[pos:m.start()]
        start = len(text)
        text += m.group(1)
        span = {"start": start, "end": len(text)}
        if m.group(2) == "-":
            unlinked.append(span)
        else:
            mentions.append(dict(span, entity_id=m.group(2)))
        pos = m.end()
    text += marked[pos:]
    assert "[[" not in text and "]]" not in text, gid
    for s in mentions + unlinked:  # Python counts code points; Java counts UTF-16 units:
        assert all(ord(c) < 0x10000 for c in text), gid  # keep to the BMP so both agree.
    return {"id": gid, "date": day, "text": text, "mentions": mentions, "unlinked": unlinked}

with open(os.path.join(GOLD, "mentions-gold.txt"), encoding="utf-8") as f, \
        open(os.path.join(GOLD, "mentions-gold.jsonl"), "w", encoding="utf-8") as out:
    n = 0
    for line in f:
        if line.strip() and not line.startswith("#"):
            out.write(json.dumps(convert(line), ensure_ascii=False) + "\n")
            n += 1
print(f"{n} gold sentences")
