# -*- coding: utf-8 -*-
# Writes data-samples/articles/: the seed article (copied from ../shared/data/seed) and short
# articles written for Marsad, in every input format, with deliberately broken records.
# Rerun after changing it: python3 scripts/samples/make_samples.py
import json, os, gzip, bz2, csv, io
import sys
HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(os.path.dirname(HERE))
root = os.path.join(PROJECT, "data-samples", "articles")
SHARED = os.environ.get("MARSAD_SHARED_DATA", os.path.join(PROJECT, "..", "shared", "data"))
for d in ["text","jsonl","json","csv","tsv","trec","cp1256","compressed","broken"]:
    os.makedirs(f"{root}/{d}", exist_ok=True)

A = {}
A["astana_round"] = ("انطلاق جولة جديدة من محادثات أستانا بشأن سوريا",
"أستانا - انطلقت اليوم في العاصمة الكازاخية جولة جديدة من المحادثات حول سوريا بمشاركة الدول الضامنة روسيا وإيران وتركيا، إلى جانب وفدي الحكومة السورية والمعارضة المسلحة.\n"
"وقال رئيس الوفد الروسي إن موسكو تأمل في تثبيت وقف إطلاق النار في إدلب وتوسيع مناطق خفض التصعيد، فيما أكد الوفد الإيراني أن طهران تدعم الحل السياسي.\n"
"وأعلنت أنقرة أنها ستطرح ملف اللاجئين السوريين والمعابر الحدودية، بينما يشارك مبعوث الأمم المتحدة بصفة مراقب.")
A["putin_rouhani"] = ("بوتين وروحاني يبحثان الملف السوري هاتفيا",
"موسكو - بحث الرئيس الروسي فلاديمير بوتين مع نظيره الإيراني حسن روحاني في اتصال هاتفي تطورات الأوضاع في سوريا والتحضير لاجتماع الدول الضامنة لمسار أستانة.\n"
"وذكر الكرملين في بيان أن الرئيسين أكدا أهمية التنسيق بين روسيا وإيران في مكافحة الإرهاب ودعم وحدة الأراضي السورية.\n"
"وأضاف البيان أن الجانبين تطرقا إلى العلاقات الاقتصادية الثنائية وإلى الاتفاق النووي الإيراني.")
A["erdogan_idlib"] = ("أردوغان: لن نسمح بموجة نزوح جديدة من إدلب",
"أنقرة - قال الرئيس التركي رجب طيب أردوغان إن بلاده لن تسمح بموجة نزوح جديدة نحو حدودها الجنوبية، داعيا موسكو إلى الضغط على دمشق لوقف العمليات العسكرية في إدلب.\n"
"وأوضح أردوغان في كلمة أمام نواب حزبه أن نقاط المراقبة التركية باقية في مواقعها وفق تفاهمات سوتشي، وأن أنقرة ستواصل التنسيق مع الجانب الروسي.\n"
"ويعيش في محافظة إدلب أكثر من ثلاثة ملايين شخص، نزح كثير منهم من مناطق أخرى في سوريا.")
A["lavrov_zarif"] = ("لافروف وظريف يبحثان في موسكو نتائج اجتماع أستانة",
"موسكو - 14 أيار 2020 - استقبل وزير الخارجية الروسي سيرغي لافروف نظيره الإيراني محمد جواد ظريف، وبحث الوزيران نتائج الاجتماع الأخير للدول الضامنة في صيغة أستانة.\n"
"وأكد لافروف أن التعاون الروسي الإيراني التركي ساعد على خفض العنف في سوريا، فيما شدد ظريف على رفض العقوبات الأمريكية.\n"
"واتفق الجانبان على مواصلة المشاورات قبل القمة الثلاثية المقبلة.")
A["trilateral_summit"] = ("قمة ثلاثية تجمع روسيا وإيران وتركيا حول سوريا",
"طهران - تستضيف العاصمة الإيرانية قمة ثلاثية تجمع رؤساء روسيا وإيران وتركيا لبحث الأزمة السورية ومستقبل مسار أستانا.\n"
"ويتوقع مراقبون أن تتناول القمة الوضع في شمال شرق سوريا وانسحاب القوات الأمريكية، إضافة إلى عمل اللجنة الدستورية في جنيف.\n"
"وكانت القمة السابقة قد عقدت في أنقرة، وصدر عنها بيان مشترك أكد الالتزام بسيادة سوريا واستقلالها ووحدة أراضيها.")
A["geneva_committee"] = ("اللجنة الدستورية السورية تستأنف أعمالها في جنيف",
"جنيف - استأنفت اللجنة الدستورية السورية أعمالها في مقر الأمم المتحدة بجنيف بحضور ممثلين عن الحكومة والمعارضة والمجتمع المدني.\n"
"وقال المبعوث الأممي إن الجولة الحالية ستركز على المبادئ الأساسية للدستور، معربا عن أمله في أن تسهم الدول الضامنة في دفع العملية السياسية.\n"
"وتأتي الجولة بعد أشهر من التوقف بسبب جائحة كورونا وخلافات حول جدول الأعمال.")
A["sochi_talks"] = ("مباحثات روسية تركية في سوتشي حول الشمال السوري",
"سوتشي - عقد وفدان عسكريان روسي وتركي جولة مباحثات في منتجع سوتشي على البحر الأسود لبحث ترتيبات الدوريات المشتركة على الطريق الدولي إم 4 في ريف إدلب.\n"
"وأفادت مصادر مطلعة بأن الجانبين ناقشا أيضا الوضع في منطقة شرق الفرات، حيث تنتشر قوات سوريا الديمقراطية المدعومة من واشنطن.\n"
"ولم يصدر بيان ختامي عن الاجتماع الذي استمر يومين.")
A["damascus_economy"] = ("دمشق تعلن إجراءات جديدة لدعم الليرة السورية",
"دمشق - أعلن مصرف سوريا المركزي إجراءات جديدة لضبط سعر صرف الليرة السورية بعد تراجعها الحاد أمام الدولار خلال الأسابيع الماضية.\n"
"وتشمل الإجراءات تشديد الرقابة على شركات الصرافة وتقييد حركة الأموال بين المحافظات، وفق ما نقلته وسائل إعلام رسمية.\n"
"ويعزو خبراء اقتصاديون التراجع إلى العقوبات الغربية وأزمة المصارف في لبنان المجاور.")

def rec(key, **kw):
    t, b = A[key]
    d = dict(title=t, content=b); d.update(kw); return d

# 1. Seed article, plain text; day from the file name (inferred: the eve of the 22 April meeting).
seed = open(os.path.join(SHARED, "seed", "seed-article.txt"), encoding="utf-8").read()
open(f"{root}/text/seed-article_20200421.txt","w",encoding="utf-8").write(seed)
# plain text with a written Arabic date in the dateline and no date in the name
t, b = A["lavrov_zarif"]
open(f"{root}/text/lavrov-zarif.txt","w",encoding="utf-8").write(t+"\n\n"+b+"\n")

# 2. JSON Lines: good records, a truncated line, empty body, English text, impossible date,
#    an exact duplicate (same URL), a near-duplicate (light edits), ISO with offset, RFC 822, epoch.
near_t, near_b = A["astana_round"]
near_b2 = near_b.replace("انطلقت اليوم", "بدأت اليوم").replace("بصفة مراقب", "بصفة مراقب دائم").replace("الحدودية،", "الحدودية المغلقة،")
lines = [
 json.dumps(rec("astana_round", url="https://example-news.sa/politics/astana-round", source="Example News", date="2020-04-22T10:30:00+03:00", id="EN-1001"), ensure_ascii=False),
 json.dumps(rec("putin_rouhani", url="https://example-news.sa/politics/putin-rouhani", source="Example News", date="Tue, 21 Apr 2020 18:05:00 +0300", id="EN-1002"), ensure_ascii=False),
 json.dumps(dict(title=near_t, content=near_b2, url="https://wire.example.org/ar/astana-talks-open", source="Example Wire", date="1587551400", id="WIRE-77"), ensure_ascii=False),
 json.dumps(rec("putin_rouhani", url="http://www.example-news.sa/politics/putin-rouhani/", source="Example News", date="2020-04-21 18:05:00", id="EN-1002-repost"), ensure_ascii=False),
 '{"title": "خبر مقطوع", "content": "بدأ هذا السطر ولم يكتمل", "url": "https://example-news.sa/cut',
 json.dumps(dict(title="عنوان بلا متن", content="", url="https://example-news.sa/empty", source="Example News", date="2020-04-22"), ensure_ascii=False),
 json.dumps(dict(title="Markets rally as oil recovers", content="Stocks rose sharply on Wednesday as oil prices recovered from historic lows, lifting energy shares across the region.", url="https://example-news.sa/en/markets", source="Example News", date="2020-04-22"), ensure_ascii=False),
 json.dumps(rec("damascus_economy", url="https://example-news.sa/economy/lira", source="Example News", date="2020-13-45"), ensure_ascii=False),
]
open(f"{root}/jsonl/example-news-2020-04.jsonl","w",encoding="utf-8").write("\n".join(lines)+"\n")

# 3. JSON array, SaudiNewsNet's field names (crawl-time date only).
arr = [
 dict(source="sample-daily", url="http://sample-daily.sa/news/1", date_extracted="2020-04-23 07:12:40", title=A["erdogan_idlib"][0], author="أنقرة: مراسلنا", content=A["erdogan_idlib"][1].replace("\n","\n\n ")),
 dict(source="sample-daily", url="http://sample-daily.sa/news/2", date_extracted="2020-04-23 08:01:05", title=A["trilateral_summit"][0], author="", content=A["trilateral_summit"][1] + "\u00a0&quot;المصدر&quot;: وكالات"),
]
open(f"{root}/json/sample-daily-2020-04-23.json","w",encoding="utf-8").write(json.dumps(arr, ensure_ascii=False, indent=2))

# 4. CSV with a header, a body spanning lines (quoted), DD/MM/YYYY dates, HTML in the body.
with open(f"{root}/csv/press-export.csv","w",encoding="utf-8",newline="") as f:
    w = csv.writer(f); w.writerow(["id","headline","body","published","link","site"])
    t,b = A["geneva_committee"]; w.writerow(["CSV-1", t, "<p>"+b.replace("\n","</p><p>")+"</p>", "24/04/2020", "https://press.example.net/geneva", "Press Example"])
    t,b = A["sochi_talks"]; w.writerow(["CSV-2", t, b, "25/04/2020 09:15", "https://press.example.net/sochi", "Press Example"])
    w.writerow(["CSV-3", "صف ناقص"])  # short row: malformed_csv

# 5. TSV with epoch millis.
with open(f"{root}/tsv/agency-feed.tsv","w",encoding="utf-8") as f:
    f.write("id\ttitle\ttext\tdate\turl\tsource\n")
    t,b = A["damascus_economy"]; f.write("TSV-1\t%s\t%s\t%s\thttps://agency.example.com/lira\tAgency Example\n" % (t, b.replace("\n"," "), "1587808800000"))

# 6. TREC pseudo-XML (ANT style): raw & and < in text, Maghrebi month in text, date in name.
t,b = A["sochi_talks"]
trec = ("<DOC>\n<DOCNO>JA-politic-9001-20200426</DOCNO>\n<URL>http://radio.example.tn/ar/article/sochi</URL>\n"
        "<SRC>Radio Example</SRC>\n<CAT>politic</CAT>\n<TITLE>%s</TITLE>\n<TIME>2020-04-26T171800</TIME>\n"
        "<ABSTRACT>\nملخص قصير\n</ABSTRACT>\n<TEXT>\n%s\nوقال مصدر إن الاجتماع المقبل سيعقد يوم 3 ماي 2020 & إن عدد الدوريات < 10.\n</TEXT>\n</DOC>\n") % (t, b)
open(f"{root}/trec/JA-politic-9001-20200426.txt","w",encoding="utf-8").write(trec)

# 7. Windows-1256 plain text with the date in the name (DDMMYYYY).
t,b = A["trilateral_summit"]
open(f"{root}/cp1256/summit-27042020.txt","wb").write((t+"\n\n"+b+"\n").encode("cp1256"))

# 8. Compressed: gzip JSON Lines and bzip2 JSON Lines.
with io.TextIOWrapper(gzip.GzipFile(f"{root}/compressed/wire-2020-04-28.jsonl.gz","wb",mtime=0),encoding="utf-8") as f:  # mtime=0: reproducible bytes
    f.write(json.dumps(rec("geneva_committee", url="https://wire.example.org/ar/geneva", source="Example Wire", published_at="2020-04-28T06:00:00Z"), ensure_ascii=False)+"\n")
with bz2.open(f"{root}/compressed/wire-2020-04-29.jsonl.bz2","wt",encoding="utf-8") as f:
    f.write(json.dumps(rec("sochi_talks", url="https://wire.example.org/ar/sochi", source="Example Wire", published_at="2020-04-29T06:00:00Z"), ensure_ascii=False)+"\n")

# 9. Broken: an empty file, a truncated JSON array, and invalid UTF-8 bytes inside a record.
open(f"{root}/broken/empty.jsonl","w").close()
open(f"{root}/broken/truncated-array.json","w",encoding="utf-8").write('[\n  {"title": "%s", "content": "%s", "date": "2020-04-30"},\n  {"title": "نص مقطوع", "content": "لم' % (A["damascus_economy"][0], A["damascus_economy"][1].replace("\n","\\n")))
bad = ('{"title": "%s", "content": "' % A["erdogan_idlib"][0]).encode() + b"\xff\xfe\xfa " + A["erdogan_idlib"][1].replace("\n","\\n").encode() + b'", "date": "2020-04-30"}\n'
open(f"{root}/broken/bad-bytes.jsonl","wb").write(bad)
