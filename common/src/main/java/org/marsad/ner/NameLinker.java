package org.marsad.ner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marsad.ingest.Hashes;
import org.marsad.nlp.LexiconMatcher;

/**
 * Links one article's NER names to entities. Catalog matches keep precedence: a name that overlaps
 * one is merged into it (the catalog's entity, form and offsets stand). Any other name is an
 * entity of its own, {@code ner:<TYPE>:<hash of its normalised name>}, so the same person gets the
 * same id in every article; a one-word name that is the last word of exactly one longer person's
 * name in the same article (a surname: أنان after كوفي أنان) takes that person's id, and so does a
 * one-word person name that is the first word of exactly one longer person's name there (Saudi and
 * Gulf news call princes by the given name: الأمير خالد after خالد الفيصل). MISC names are not
 * written.
 */
public final class NameLinker {
  private NameLinker() {}

  /** The {@code form} of a mention found by the NER model. */
  public static final String FORM = "ner";

  /** A name the model found: characters {@code [start, end)}, CoNLL type, normalised words. */
  public record Name(int start, int end, String type, String[] norms) {}

  /** The names that a sentence's labels describe. */
  public static List<Name> names(NerSentence s, int[] labels) {
    List<Name> out = new ArrayList<>();
    for (NerModel.WordSpan span : NerModel.spans(labels)) {
      String[] norms = new String[span.end() - span.first()];
      for (int i = 0; i < norms.length; i++) {
        norms[i] = s.norm(span.first() + i);
      }
      out.add(new Name(s.start(span.first()), s.end(span.end() - 1), span.type(), norms));
    }
    return out;
  }

  /** The entity type a CoNLL type is written as (the catalog's names where they exist). */
  public static String entityType(String conllType) {
    return switch (conllType) {
      case "PERS" -> "PERSON";
      case "ORG" -> "ORG";
      case "LOC" -> "LOCATION";
      default -> "MISC";
    };
  }

  /**
   * A name's normalised form: the words as the tokenizer normalises them (alef forms, ya, ta
   * marbuta, diacritics, tatweel), the first without its proclitics and article, so والأمم المتحدة,
   * للأمم المتحدة and الأمم المتحدة are one name; a word after عبد is joined to it, so عبد ربه منصور
   * هادي and عبدربه منصور هادي are too.
   */
  public static String key(NerFeatures features, String[] norms) {
    StringBuilder b = new StringBuilder();
    String previous = null;
    for (int i = 0; i < norms.length; i++) {
      String w = norms[i];
      if (i == 0) {
        w = features.split(w)[1];
        if (w.startsWith("ال") && w.length() >= 4) {
          w = w.substring(2);
        }
      }
      // عبد ربه and عبدربه, عبد الله and عبدالله are one name written with or without the space.
      if (i > 0 && !previous.equals("عبد")) {
        b.append(' ');
      }
      b.append(w);
      previous = w;
    }
    return b.toString();
  }

  /** The stable id of a name of a type: {@code ner:PERS:} and 12 hex digits. */
  public static String id(String conllType, String key) {
    return "ner:" + conllType + ":" + Hashes.id(conllType, key).substring(0, 12);
  }

  /**
   * The mentions of one article's names, sentence by sentence: {@code names.get(k)} are sentence
   * {@code k}'s names, {@code catalog.get(k)} its catalog matches.
   */
  public static List<List<LexiconMatcher.Mention>> link(
      NerFeatures features,
      List<List<LexiconMatcher.Mention>> catalog,
      List<List<Name>> names) {
    List<List<Name>> kept = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    // Last words of the article's longer person names, and the ids they belong to.
    Map<String, Set<String>> surnames = new HashMap<>();
    Map<String, Set<String>> givenNames = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      List<Name> keep = new ArrayList<>();
      List<String> keyList = new ArrayList<>();
      for (Name n : names.get(k)) {
        if (n.type().equals("MISC") || overlaps(n, catalog.get(k))) {
          continue;
        }
        String key = key(features, n.norms());
        keep.add(n);
        keyList.add(key);
        if (n.type().equals("PERS") && n.norms().length > 1) {
          String last = n.norms()[n.norms().length - 1];
          surnames.computeIfAbsent(last, x -> new HashSet<>()).add(id("PERS", key));
          givenNames.computeIfAbsent(n.norms()[0], x -> new HashSet<>()).add(id("PERS", key));
        }
      }
      kept.add(keep);
      keys.add(keyList);
    }
    List<List<LexiconMatcher.Mention>> out = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      List<LexiconMatcher.Mention> mentions = new ArrayList<>();
      for (int i = 0; i < kept.get(k).size(); i++) {
        Name n = kept.get(k).get(i);
        String type = n.type();
        String id = id(type, keys.get(k).get(i));
        if (n.norms().length == 1) {
          Set<String> owners = surnames.get(keys.get(k).get(i));
          if (owners == null) {
            owners = surnames.get(n.norms()[0]);
          }
          if (owners == null && type.equals("PERS")) {
            // Only a name the model typed as a person: a lone place word is not a given name.
            owners = givenNames.get(keys.get(k).get(i));
            if (owners == null) {
              owners = givenNames.get(n.norms()[0]);
            }
          }
          if (owners != null && owners.size() == 1) {
            type = "PERS";
            id = owners.iterator().next();
          }
        }
        mentions.add(new LexiconMatcher.Mention(n.start(), n.end(), id, entityType(type), FORM, id));
      }
      out.add(mentions);
    }
    return out;
  }

  /** True if the name overlaps one of the catalog's matches. */
  public static boolean overlaps(Name n, List<LexiconMatcher.Mention> catalog) {
    for (LexiconMatcher.Mention m : catalog) {
      if (m.start() < n.end() && n.start() < m.end()) {
        return true;
      }
    }
    return false;
  }
}
