"""Questions a chair can read aloud, written from a criterion's own words. Pure text rules, no I/O.

Contract (each point is a test):
- every word of the criterion's substance is kept: nothing is cut off, and there is never an ellipsis;
- no doubled word and no repeated three-word phrase;
- verb-led ("Be able to lift…", "Communicates clearly…"), adjective-led ("Excellent communication skills…"),
  skill-led ("Skilled in…", "Proficient in…") and holding ("Holds a current…") criteria read as English;
- slashes read as "or", ampersands as "and"; a long list becomes a question about its first part and probes
  for the rest (several questions, none cut), so that no question is longer than :data:`MAX_WORDS` words;
- probes fit the criterion (drawn from its own words), never one stock probe for everything;
- nothing invites a candidate to disclose caring responsibilities or another protected characteristic, and
  no indicator rewards "recent" experience (it penalises career breaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 45
SUBJECT_BUDGET = 26  # words of criterion a question carries before the rest goes into probes

_KEEP_CASE = {"I", "UK", "IT", "MS", "PSD", "HR", "ICT", "GDPR", "CVF", "BCU", "PNC", "MAPPA", "CPS", "DBS"}
_PROPER = {
    "Welsh",
    "English",
    "British",
    "Scottish",
    "Irish",
    "Microsoft",
    "Excel",
    "Word",
    "Outlook",
    "Windows",
    "Police",
    "Crown",
    "National",
    "Constabulary",
    "Home",
    "Monday",
    "Saturday",
    "Sunday",
    "Europe",
    "European",
    "Gaelic",
    "Braille",
    "Niche",
    "Athena",
}
_SINGULAR_THINGS = {
    "licence",
    "license",
    "qualification",
    "certificate",
    "degree",
    "diploma",
    "card",
    "award",
    "certification",
    "accreditation",
    "membership",
    "pass",
}
_BASE_TO_GERUND = {
    "demonstrate": "demonstrating",
    "show": "showing",
    "ensure": "ensuring",
    "maintain": "maintaining",
    "use": "using",
    "provide": "providing",
    "work": "working",
    "produce": "producing",
    "manage": "managing",
    "deal": "dealing",
    "take": "taking",
    "handle": "handling",
    "communicate": "communicating",
    "prioritise": "prioritising",
}
# base verbs a criterion may start with ("Communicate clearly…", "Works well…")
_VERBS = {
    "communicate",
    "work",
    "use",
    "deal",
    "manage",
    "maintain",
    "produce",
    "prioritise",
    "prioritize",
    "organise",
    "organize",
    "plan",
    "lead",
    "handle",
    "write",
    "drive",
    "travel",
    "carry",
    "lift",
    "operate",
    "type",
    "speak",
    "support",
    "deliver",
    "build",
    "develop",
    "provide",
    "negotiate",
    "influence",
    "coordinate",
    "co-ordinate",
    "analyse",
    "analyze",
    "present",
    "interpret",
    "supervise",
    "motivate",
    "respond",
    "remain",
    "stay",
    "keep",
    "act",
    "adapt",
    "cope",
    "liaise",
    "engage",
    "listen",
    "prepare",
    "record",
    "input",
    "research",
    "investigate",
    "solve",
    "resolve",
    "take",
    "meet",
    "follow",
    "apply",
    "uphold",
    "treat",
    "show",
    "demonstrate",
    "promote",
    "challenge",
    "explain",
    "draft",
    "compose",
    "process",
    "monitor",
    "review",
    "assess",
    "identify",
    "make",
    "give",
    "set",
    "run",
    "chair",
    "attend",
}
_IRREGULAR_3RD = {
    "carries": "carry",
    "has": "have",
    "does": "do",
    "is": "be",
    "goes": "go",
    "applies": "apply",
    "relies": "rely",
    "copes": "cope",
    "liaises": "liaise",
    "analyses": "analyse",
    "prioritises": "prioritise",
    "organises": "organise",
    "uses": "use",
    "manages": "manage",
    "writes": "write",
    "takes": "take",
    "makes": "make",
    "produces": "produce",
    "promotes": "promote",
    "challenges": "challenge",
    "engages": "engage",
    "supervises": "supervise",
    "motivates": "motivate",
    "negotiates": "negotiate",
    "communicates": "communicate",
    "coordinates": "coordinate",
    "co-ordinates": "co-ordinate",
    "operates": "operate",
    "types": "type",
    "interprets": "interpret",
    "prepares": "prepare",
    "resolves": "resolve",
    "solves": "solve",
    "influences": "influence",
    "treats": "treat",
    "handles": "handle",
    "drives": "drive",
    "assesses": "assess",
    "identifies": "identify",
    "processes": "process",
    "composes": "compose",
    "adapts": "adapt",
    "gives": "give",
    "remains": "remain",
    "provides": "provide",
}

_EXPERIENCE = re.compile(
    r"^(?:(?:proven|previous|demonstrable|demonstrated|significant|substantial|recent|relevant|some|"
    r"good|extensive|considerable|practical|wide|broad|sound|solid|strong)\s+)*experience\s*"
    r"(of working|working|of|in|with)?\b\s*",
    re.I,
)
_KNOWLEDGE = re.compile(
    r"^(?:an?\s+|the\s+)?(?:(?:good|sound|working|basic|detailed|thorough|clear|comprehensive|full|"
    r"general|up-to-date|up to date|practical|excellent|strong|in-depth|demonstrable)\s+)*"
    r"(knowledge|understanding|awareness|appreciation)\s+(?:and\s+(?:understanding|knowledge|awareness)\s+)?"
    r"(?:of|about)\s+",
    re.I,
)
_ABILITY = re.compile(
    r"^(?:must\s+(?:have|be)\s+|has\s+|have\s+|having\s+|be\s+|is\s+|are\s+)?"
    r"(?:the\s+|an\s+)?(?:proven\s+|demonstrable\s+)?(ability|able|capable)\s+(?:to|of)\s+",
    re.I,
)
_WILLING = re.compile(
    r"^(?:must\s+be\s+|be\s+|is\s+|a\s+)?(willing|prepared|willingness|readiness|ready)\s+"
    r"to\s+",
    re.I,
)
_APPROACH = re.compile(
    r"^(?:(?:demonstrates?|shows?|has|have|having|must\s+have|must\s+show|must\s+demonstrate)\s+)?"
    r"(?:an?\s+|the\s+)?((?:[\w-]+\s+){0,2}?)(approach|attitude|commitment)\s+(to(?:wards)?)\s+",
    re.I,
)
_HOLD = re.compile(
    r"^(?:must\s+|should\s+|will\s+)?(?:hold|holds|possess|possesses|have|has|be in possession of)"
    r"(?:\s+got)?\s+(?!the ability|an ability|ability)",
    re.I,
)
_SKILLED = re.compile(
    r"^(?:highly\s+|very\s+)?(skilled|proficient|competent|confident|fluent|adept|accomplished)"
    r"\s+(in|at|with|using|when)\s+",
    re.I,
)
_ADJ_SKILLS = re.compile(
    r"^(?:(?:excellent|strong|good|very good|effective|sound|high|highly developed|well[- ]developed|proven|"
    r"outstanding|clear|first[- ]class|exceptional|advanced)\s+)+"
    r"(?:(?:and|or|,)\s*(?:excellent|strong|good|effective|sound|proven|clear)\s+)*",
    re.I,
)
_ADJ_PERSON = re.compile(
    r"^(?:highly\s+|self[- ]|well[- ])?(motivated|organised|organized|resilient|reliable|flexible|"
    r"adaptable|numerate|literate|articulate|methodical|conscientious|proactive|discreet|"
    r"tactful|enthusiastic|approachable)\b",
    re.I,
)
_DEMONSTRATES = re.compile(
    r"^(?:demonstrates?|demonstrable|demonstrated|a (?:proven |good )?(?:track )?record of)\s+", re.I
)
_AVAILABILITY = re.compile(
    r"\b(shifts?|24/7|hours|weekends?|bank holidays|nights?|on[- ]call|overtime|travel|"
    r"rota|pattern)\b",
    re.I,
)
_STATEMENT = re.compile(r"\b(is|are|will|must|may|should|can|involves|requires|includes|entails)\b", re.I)
_HOLD_TOWARDS = re.compile(r"^(?:must\s+)?holds?,?\s+or\s+(?:is\s+|be\s+)?working\s+towards,?\s+", re.I)
_BREAKS = re.compile(
    r",\s*(?:and\s+|or\s+)?|;\s*|\s+(?=including\b|such as\b|whilst\b|while\b|where\b|which\b|"
    r"so that\b|in order to\b|to ensure\b|ensuring\b)|\s+(?:and|or)\s+(?=\w+ing\b)",
    re.I,
)


@dataclass(frozen=True)
class CriterionText:
    """What the generator makes of a criterion."""

    kind: str  # experience knowledge ability willing approach hold skilled skills trait verb statement evidence
    subject: str  # the phrase the question is about, already in the form the templates embed
    noun: str = ""  # knowledge: knowledge / understanding / awareness
    extra: tuple[str, ...] = ()  # list items beyond the question's budget: asked as probes


# -- cleaning --------------------------------------------------------------------------------------------------
def tidy(text: str) -> str:
    """One line: collapse whitespace, no space before punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:?!])", r"\1", text)


def clean_phrase(text: str) -> str:
    """The criterion as a phrase to embed: tidy; "&" and "&/or" spelt out; "i.e./e.g." as "such as"; a
    slash between words as "or"; a spaced dash before a list as a colon; no final stop."""
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-").replace("\u2026", "...")
    t = re.sub(r"\[bookmark:[^\]]*\]", "", t)
    t = tidy(t)
    t = re.sub(r"\s*&\s*/\s*or\s*|\band\s*/\s*or\b", " or ", t, flags=re.I)
    t = re.sub(r"\s*&\s*", " and ", t)
    t = re.sub(r"\s*\(?\b(?:i\.\s?e\.?|e\.\s?g\.?)(?=\s|$)\)?,?\s*", ", such as ", t, flags=re.I)
    t = re.sub(
        r"\b([A-Za-z][\w-]*(?: [a-z][\w-]*)?(?:\s*/\s*[A-Za-z][\w-]*(?: [a-z][\w-]*)?)+)", _slashes, t
    )  # "typing/word processing/audio" -> "typing, word processing or audio"; not "24/7"
    t = re.sub(r"\s+-\s+(?=[A-Z])", ": ", t)  # "MS Office - Word, Excel" -> "MS Office: Word, Excel"
    t = re.sub(r"\s+-\s+", ", ", t)
    t = re.sub(r"\.{2,}", "", t)
    t = re.sub(r",\s*,", ",", t)
    t = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", t, flags=re.I)  # a doubled word in the profile itself
    t = tidy(t)
    return t.rstrip(" .;:,!")


def _slashes(m: re.Match[str]) -> str:
    parts = [p.strip() for p in m.group(1).split("/")]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def lower_first(phrase: str) -> str:
    """Lower-case the first word when it is an ordinary word (keeps "MS Office", "UK", "Microsoft Word")."""
    m = re.match(r"([A-Za-z][\w'-]*)(.*)", phrase, re.S)
    if not m:
        return phrase
    word, rest = m.group(1), m.group(2)
    if word in _KEEP_CASE or word in _PROPER or (word.isupper() and len(word) > 1):
        return phrase
    if any(ch.isupper() for ch in word[1:]):  # PowerPoint, iPhone
        return phrase
    following = [w for w in re.findall(r"[A-Za-z][\w'-]*", rest)[:3] if w.casefold() not in {"and", "or", "of"}]
    if following and following[0][0].isupper():
        return phrase  # looks like a proper name: "Customer Service Qualification", "Health and Safety"
    return word[0].lower() + word[1:] + rest


def upper_first(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


def _fix_gerunds(subject: str) -> str:
    """ "producing X and demonstrate Y" -> "... and demonstrating Y" (a common slip in profiles)."""

    def repl(m: re.Match[str]) -> str:
        return f"{m.group(1)} {_BASE_TO_GERUND[m.group(2).lower()]}"

    pattern = r"\b(and|or)\s+(" + "|".join(_BASE_TO_GERUND) + r")\b"
    if re.search(r"\b\w+ing\b", subject):
        return re.sub(pattern, repl, subject, flags=re.I)
    return subject


def _with_article(np: str) -> str:
    first = np.split(" ", 1)[0].casefold()
    head = re.split(r",| or | and ", np, maxsplit=1)[0].strip()
    last = re.sub(r"[^\w]", "", head.rsplit(" ", 1)[-1]).casefold()
    if first in {"a", "an", "the", "any", "some", "your", "their", "this", "these", "proof", "evidence"}:
        return np
    if last in _SINGULAR_THINGS:
        art = "an" if re.match(r"[aeiou]", np, re.I) and not np.upper().startswith(("UK", "EU", "ONE")) else "a"
        return f"{art} {np}"
    return np


def second_person(phrase: str) -> str:
    """ "organising own workload" -> "organising your own workload"; "their" -> "your"."""
    phrase = re.sub(r"(?<![\w'])(?<!your )(?<!their )(?<!my )(?<!his )(?<!her )(?<!its )own\b", "your own", phrase)
    phrase = re.sub(r"\btheir own\b", "your own", phrase)
    return re.sub(r"\bthemselves\b", "yourself", phrase)


def third_person(phrase: str) -> str:
    phrase = re.sub(r"\byour own\b", "their own", phrase)
    phrase = re.sub(r"(?<![\w'])(?<!their )own\b", "their own", phrase)
    return re.sub(r"\byourself\b", "themselves", phrase)


def _gerund_to_base(phrase: str) -> str:
    """ "using initiative" -> "use initiative" (after "capable of"); anything else unchanged."""
    m = re.match(r"([A-Za-z]+)ing\b(.*)", phrase, re.S)
    if not m:
        return phrase
    stem = m.group(1).lower()
    for base in (stem + "e", stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if base and base in _VERBS:
            return base + m.group(2)
    return phrase


def _base_verb(word: str) -> str | None:
    w = word.casefold()
    if w in _VERBS:
        return w
    if w in _IRREGULAR_3RD:
        return _IRREGULAR_3RD[w]
    if w.endswith("s") and w[:-1] in _VERBS:
        return w[:-1]
    return None


# -- classifying -------------------------------------------------------------------------------------------------
def classify(text: str) -> CriterionText:
    """What kind of criterion this is, and the phrase a question embeds (first word cased for embedding)."""
    phrase = clean_phrase(text)
    if not phrase:
        return CriterionText("evidence", "what this criterion asks for")
    if m := _EXPERIENCE.match(phrase):
        rest = phrase[m.end() :]
        prep = (m.group(1) or "").lower()
        if rest:
            if prep in ("working", "of working"):
                subject = "of working " + rest
            elif prep:
                subject = f"{prep} {lower_first(rest)}"
            else:
                subject = f"of {lower_first(rest)}"
            return CriterionText("experience", _fix_gerunds(subject))
    if m := _KNOWLEDGE.match(phrase):
        rest = phrase[m.end() :]
        if rest:
            return CriterionText("knowledge", lower_first(rest), noun=m.group(1).lower())
    if m := _ABILITY.match(phrase):
        rest = _gerund_to_base(phrase[m.end() :])
        if rest:
            if _AVAILABILITY.search(rest):  # "Able to work a 24/7 shift pattern": a yes or no, not a plan
                return CriterionText("willing", lower_first(rest), noun="able")
            return CriterionText("ability", lower_first(rest))
    if m := _WILLING.match(phrase):
        rest = phrase[m.end() :]
        if rest:
            return CriterionText("willing", lower_first(rest), noun="willing")
    if m := _APPROACH.match(phrase):
        rest = phrase[m.end() :]
        if rest and len(m.group(1).split()) <= 2:
            noun = f"{m.group(1).strip().lower()} {m.group(2).lower()} {m.group(3).lower()}".strip()
            return CriterionText("approach", f"{noun} {lower_first(rest)}")
    if m := _HOLD_TOWARDS.match(phrase):
        return CriterionText("towards", _with_article(lower_first(phrase[m.end() :])))
    if m := _SKILLED.match(phrase):
        return CriterionText("skilled", f"{m.group(1).lower()} {m.group(2).lower()} {lower_first(phrase[m.end() :])}")
    if m := _HOLD.match(phrase):
        rest = phrase[m.end() :]
        if rest:
            return CriterionText("hold", _with_article(lower_first(rest)))
    if re.match(
        r"(?:must\s+be\s+|be\s+)?(educated|qualified|trained|registered|accredited|certified|vetted|"
        r"eligible)\b",
        phrase,
        re.I,
    ):
        return CriterionText("hold", re.sub(r"^(?:must\s+be\s+|be\s+)", "", lower_first(phrase), flags=re.I), noun="be")
    if re.search(r"\bskills?\b|\babilit(y|ies)\b", phrase, re.I) and _ADJ_SKILLS.match(phrase):
        return CriterionText("skills", lower_first(phrase))
    if _ADJ_PERSON.match(phrase):
        return CriterionText("trait", lower_first(phrase))
    if m := _DEMONSTRATES.match(phrase):
        rest = phrase[m.end() :]
        if rest:
            return CriterionText("evidence", _with_article(lower_first(rest)))
    first = phrase.split(" ", 1)[0]
    if (verb := _base_verb(first)) and " " in phrase:
        return CriterionText("verb", _fix_gerunds(f"{verb} {phrase.split(' ', 1)[1]}"))
    if _STATEMENT.search(phrase):
        return CriterionText("statement", upper_first(phrase))
    return CriterionText("evidence", _with_article(lower_first(phrase)))


def split_parts(subject: str, budget: int = SUBJECT_BUDGET) -> tuple[str, tuple[str, ...]]:
    """The subject up to ``budget`` words, cut only at a list or clause boundary, and the rest as parts."""
    if len(subject.split()) <= budget:
        return subject, ()
    pieces: list[str] = []
    pos = 0
    for m in _BREAKS.finditer(subject):
        pieces.append(subject[pos : m.start()].strip())
        pos = m.end()
    pieces.append(subject[pos:].strip())
    pieces = [p for p in pieces if p]
    head: list[str] = []
    for p in pieces:
        if head and len(" ".join(head + [p]).split()) > budget:
            break
        head.append(p)
    rest = tuple(pieces[len(head) :])
    if not rest:
        return subject, ()
    lead = ", ".join(head[:-1]) + (" and " if len(head) > 1 else "") + head[-1]
    return lead, rest


def short_topic(subject: str) -> str:
    """A short form of the subject for indicators: its first clause (up to a comma, semicolon or a clause such
    as "including…", "whilst…"), in whole; never cut inside a phrase, never an ellipsis."""
    head = re.split(
        r";|:|,?\s+(?=including\b|such as\b|whilst\b|while\b|so that\b|in order to\b|to ensure\b|"
        r"where\b|which\b)",
        subject,
        maxsplit=1,
    )[0]
    return head.strip() or subject


# -- templates --------------------------------------------------------------------------------------------------
TEMPLATES: dict[str, tuple[str, ...]] = {
    "experience": (
        "Tell us about your experience {s}. What was your role, and what did you do yourself?",
        "Please describe an example from your own work that shows your experience {s}. What did you do, and "
        "what was the result?",
        "Thinking about your experience {s}, talk us through one specific example. What did you personally contribute?",
    ),
    "knowledge": (
        "Tell us about your {n} of {s}. How have you used it in your work?",
        "This post calls for {n} of {s}. Explain what that involves, and give an example of when you have used it.",
        "How did you gain your {n} of {s}, and when has it made a difference to your work?",
    ),
    "ability": (
        "This post needs the ability to {s}. How would you go about it, and when have you done something similar?",
        "Suppose you were asked to {s} in your first month here. What would you do, step by step, and why?",
        "Tell us about a time when you had to {s}. What did you do, and how did it turn out?",
    ),
    "willing": (
        "This post needs someone {n} to {s}. Are you able to meet that requirement, and have you worked "
        "this way before?",
        "The post involves being {n} to {s}. What do you understand that to mean in practice, and can you meet it?",
        "Being {n} to {s} is part of this post. Tell us about a time when your work asked the same of you.",
    ),
    "approach": (
        "This post needs a {s}. Tell us about a time when you showed it at work, and how it helped.",
        "Give us an example of when you have shown a {s}. What did it involve, and what was the result?",
        "How have you shown a {s} in your work so far? Talk us through one example.",
    ),
    "hold": (
        "This post requires you to hold {s}. Do you hold it now, and how have you used it in your work?",
        "The post asks for {s}. Please tell us what you hold, and when it has been useful in your work.",
        "Tell us about {s}: when you gained it, and how you have put it to use.",
    ),
    "towards": (
        "This post asks for {s}, or for you to be working towards it. Where are you with it, and how have you used "
        "what you have learned?",
        "The post asks you to hold {s}, or to be working towards it. Tell us where you are with it.",
        "Tell us whether you hold {s} or are working towards it, and what it has added to your work.",
    ),
    "be": (
        "This post requires you to be {s}. Please tell us how you meet this.",
        "The post asks for someone {s}. How do you meet that requirement?",
        "Tell us how you meet the requirement to be {s}.",
    ),
    "skilled": (
        "This post needs someone {s}. Tell us about a time when you used that skill, and what the result was.",
        "Give us an example from your work that shows you are {s}. What did you do?",
        "How did you become {s}, and when has it made a difference to your work?",
    ),
    "skills": (
        "This post needs {s}. Tell us about a time when those skills made a difference to your work.",
        "Give us an example from your work that shows {s}. What did you do, and what happened?",
        "The post asks for {s}. Which example from your work best shows them, and why?",
    ),
    "trait": (
        "This post needs someone {s}. Tell us about a time when that showed in your work.",
        "Give us an example from your work that shows you are {s}. What did you do?",
        "How would colleagues describe you as {s}? Give us an example that shows it.",
    ),
    "verb": (
        "Tell us about a time when you had to {s}. What did you do, and what was the result?",
        "This post needs you to {s}. Give us an example of when you have done so.",
        "Talk us through an occasion when you needed to {s}. What did you do yourself?",
    ),
    "statement": (
        "{s}. Do you understand what this involves, and are you able to meet it?",
        "{s}. What do you understand this to mean for you, and can you meet it?",
        "{s}. Please tell us whether you can meet this requirement, and how.",
    ),
    "evidence": (
        "This post asks for {s}. Tell us what you have that meets this, and how you have used it in your work.",
        "How do you meet the requirement for {s}? Give us an example from your work.",
        "The post needs {s}. Talk us through what you would bring, with an example.",
    ),
}

_PROBES: dict[str, tuple[str, ...]] = {
    "experience": (
        "Where were you working at the time, and what was your role?",
        "What exactly did you do yourself, rather than the team?",
        "What was the result, and how do you know?",
        "Looking back, what would you do differently?",
    ),
    "knowledge": (
        "Where did you gain this {n}: training, study or practice?",
        "Which parts of {t} matter most in a post like this one, and why?",
        "Give an example of applying it: what did you do, and what happened?",
        "Where would you check if you were unsure?",
    ),
    "ability": (
        "What would you do first, and why?",
        "What difficulties would you look out for?",
        "Who would you involve or ask for support?",
        "When have you done something similar, and what did you learn?",
    ),
    "willing": (
        "What do you understand the requirement to involve day to day?",
        "Have you worked in a similar way before? How did it go?",
        "Is there anything about the requirement you would like us to explain?",
    ),
    "approach": (
        "What did it involve for you in practice?",
        "How did you keep the standard of your work up?",
        "How did you agree what was reasonable with your manager or team?",
        "What did you learn from it?",
    ),
    "hold": (
        "When did you gain it, and from which body?",
        "Is it current, and are there any conditions on it?",
        "Could you show it to us if asked?",
    ),
    "towards": (
        "When did you start, and when do you expect to finish?",
        "What have you learned so far that you have used at work?",
        "Could you show your progress if asked?",
    ),
    "be": ("How would you show this if asked?", "When did you gain it, and from which body?"),
    "skilled": (
        "How did you develop this skill?",
        "What was the most demanding use you have made of it?",
        "What was the result, and how do you know?",
    ),
    "skills": (
        "What did you do, step by step?",
        "How did you know it had worked?",
        "What would you do differently another time?",
    ),
    "trait": ("What did you do yourself?", "How did others respond?", "What did you learn from it?"),
    "verb": (
        "What was the situation, and why did it matter?",
        "What did you do yourself?",
        "What was the result, and how do you know?",
        "What would you do differently another time?",
    ),
    "statement": (
        "Do you understand what the requirement involves?",
        "Have you met a similar requirement in a previous post?",
    ),
    "evidence": (
        "When did you gain it, and through which organisation?",
        "Could you show it to us if asked?",
        "Give an example of using it in your work: what did you do?",
    ),
}

# Probes drawn from the criterion's own words (at most two), asked before the kind's general ones.
_CONTENT_PROBES: tuple[tuple[str, str], ...] = (
    (r"\baccura|\battention to detail|\berror", "How did you check that your work was accurate?"),
    (
        r"\bdeadline|\btimely|\bon time|\bquickly|\bpriorit",
        "How did you decide what to do first, and did you meet the deadlines?",
    ),
    (
        r"\bconfidential|\bsensitive information|\bdata protection",
        "How did you keep the information secure and share it only with those entitled to it?",
    ),
    (
        r"\bpublic|\bcallers?\b|\bvisitors?\b|\bcustomers?\b",
        "How did you adapt what you did to the person in front of you?",
    ),
    (r"\bupset|\bdistress|\bangry|\bdifficult", "How did you stay calm, and what helped you afterwards?"),
    (r"\bteam\b|\bcolleagues", "What part did you play in the team, and how did you support the others?"),
    (
        r"\bpartner|\bagenc|\bdepartments|\bexternal",
        "How did you build the working relationship with the others involved?",
    ),
    (
        r"\bmicrosoft|\bsoftware|\bexcel\b|\bIT systems|\brecording systems|\bdatabases?\b|\bspreadsheets?\b|"
        r"\bcomputer|\bNiche\b|\bAthena\b|\bPNC\b",
        "Which tools or features did you use, and for what?",
    ),
    (
        r"\bminutes of (?:\w+ )?meetings?\b|\b(?:taking|producing|take|produce) (?:accurate )?minutes|\brecords?\b|\bfiling|"
        r"\bcorrespondence|\bletters\b",
        "How did you keep the records complete and easy for others to use?",
    ),
    (
        r"\bsupervis(e|es|ed|ing|or|ors|ory)\b|\bmanag(e|ing) (a )?team|\bfeedback",
        "How did you set expectations and follow them up?",
    ),
    (r"\bproblems?\b|\bsolutions?\b|\binvestigat", "How did you work out what the real problem was?"),
    (
        r"\bgraphic|\bdistressing|\bdisturbing|\btraumatic",
        "What support would you expect to use, and how would you know you needed it?",
    ),
    (r"\blegislation|\blaw\b|\bpolic(y|ies)|\bprocedures?\b", "How would you find out if the rules changed?"),
    (r"\bcommunicat|\bwritten|\bverbal|\bpresent", "How did you check that you had been understood?"),
)

_INDICATORS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "experience": (
        (
            "Gives a specific example from their own work of {t}",
            "Makes clear what they did themselves and why",
            "Describes a result they can explain",
            "Reflects on what they learned or would change",
        ),
        (
            "Talks about {t} only in general terms",
            "Says what \u201cwe\u201d did; their own part unclear",
            "No outcome described, or one they cannot explain",
            "The example has little to do with {t}",
        ),
    ),
    "knowledge": (
        (
            "Explains accurately the main points of {t}",
            "Links that {n} to the work of this post",
            "Gives an example of applying it with a clear outcome",
            "Knows where to check when unsure",
        ),
        (
            "Vague or inaccurate about {t}",
            "Cannot give an example of using the {n}",
            "Relies on others to know it for them",
            "Unaware that rules or guidance change",
        ),
    ),
    "ability": (
        (
            "Gives a realistic, practical plan to {t}",
            "Thinks about risks, limits and who else is affected",
            "Knows when and where to seek support",
            "Backs the answer with a relevant example",
        ),
        (
            "Underestimates what it takes to {t}",
            "Answer is unrealistic or vague",
            "Does not consider others or their own wellbeing",
            "No sign of having done anything similar",
        ),
    ),
    "willing": (
        (
            "Confirms clearly whether they can {t}",
            "Understands what the requirement involves in practice",
            "Gives a relevant example from past work, if they have one",
        ),
        (
            "Unclear whether they can {t}",
            "Has not understood what the requirement involves",
            "Sets conditions the post cannot meet",
        ),
    ),
    "approach": (
        (
            "Shows a {t} with a real example",
            "Kept standards up while adapting",
            "Agreed what was reasonable constructively",
            "Reflects on what they learned",
        ),
        (
            "No real evidence of a {t}",
            "Resists change or sets rigid conditions",
            "Agrees to everything without thinking it through",
            "Does not consider the effect on others",
        ),
    ),
    "hold": (
        ("Confirms clearly that they hold {t}", "Can say how it would be evidenced", "Relates it to their work"),
        (
            "Unsure whether they hold {t}",
            "Cannot say how it would be evidenced",
            "Does not see why it matters for the post",
        ),
    ),
    "towards": (
        (
            "Says clearly whether they hold {t} or how far they have got",
            "Can say how it would be evidenced",
            "Relates what they have learned to their work",
        ),
        (
            "Unclear whether they hold {t} or are working towards it",
            "Cannot say how it would be evidenced",
            "Cannot relate it to their work",
        ),
    ),
    "be": (
        ("Shows clearly that they are {t}", "Can say how it would be evidenced", "Relates it to the work of the post"),
        (
            "Unsure whether they are {t}",
            "Cannot say how it would be evidenced",
            "Does not see why it matters for the post",
        ),
    ),
    "skilled": (
        (
            "Gives a specific example of being {t}",
            "Explains how they developed the skill",
            "Describes a result that shows the level of skill",
        ),
        ("Claims the skill without an example", "The example shows only basic use", "Cannot describe a result"),
    ),
    "skills": (
        (
            "Gives a specific example showing {t}",
            "Explains what they did and why it worked",
            "Describes the effect on others or on the work",
        ),
        (
            "Claims {t} but gives no example",
            "The example does not show the skills asked for",
            "No result or effect described",
        ),
    ),
    "trait": (
        (
            "Gives a specific example showing they are {t}",
            "Explains what they did themselves",
            "Describes the effect on their work or on others",
        ),
        ("Claims to be {t} but gives no example", "The example shows something else", "No effect or result described"),
    ),
    "verb": (
        (
            "Gives a specific example of having to {t}",
            "Makes clear what they did themselves",
            "Describes a result they can explain",
            "Reflects on what they would do differently",
        ),
        (
            "Talks in general terms without an example",
            "Their own part is unclear",
            "No outcome described, or one they cannot explain",
            "The example does not show them able to {t}",
        ),
    ),
    "statement": (
        (
            "Shows they understand the requirement: {t}",
            "Says clearly whether they can meet it",
            "Raises questions about the requirement openly",
        ),
        (
            "Unclear whether they can meet the requirement",
            "Has not understood what it involves",
            "Does not see why it matters for the post",
        ),
    ),
    "evidence": (
        (
            "Shows clearly how they meet the requirement for {t}",
            "Can say how it would be evidenced",
            "Gives an example of using it in their work",
        ),
        (
            "Unsure how they meet the requirement for {t}",
            "Cannot say how it would be evidenced",
            "Cannot relate it to their work",
        ),
    ),
}

_ANCHORS: dict[str, tuple[str, str, str]] = {
    "experience": (
        "No real example of {t}, or only in general terms.",
        "A real example of {t}, with their own part and the result clear.",
        "Substantial, specific evidence of {t}: own actions, judgement and results clear, with honest reflection.",
    ),
    "knowledge": (
        "Little or inaccurate {n} of {t}.",
        "Sound {n} of the main points of {t}, applied in an example.",
        "Thorough, accurate {n} of {t}, applied with judgement and linked to this post.",
    ),
    "ability": (
        "No realistic idea of how to {t}.",
        "A practical approach to {t}, backed by a relevant example.",
        "A well-judged approach to {t} that weighs risks and support, backed by strong examples.",
    ),
    "willing": (
        "Unclear whether they can {t}.",
        "Clear that they can {t}, and understands what it involves.",
        "Clear that they can {t}, understands it fully and shows they have worked this way before.",
    ),
    "approach": (
        "No real evidence of a {t}.",
        "A real example of a {t}, with standards kept up.",
        "Convincing examples of a {t} that helped the service, agreed constructively and reflected on.",
    ),
    "hold": (
        "Does not hold {t}, or is unsure.",
        "Holds {t} and can say how it would be evidenced.",
        "Holds {t}, can evidence it and has used it well in their work.",
    ),
    "towards": (
        "Neither holds {t} nor is working towards it.",
        "Holds {t}, or is clearly working towards it, and can evidence it.",
        "Holds {t}, or is well advanced towards it, and has already used it well in their work.",
    ),
    "be": (
        "Is not {t}, or is unsure.",
        "Is {t} and can say how it would be evidenced.",
        "Is {t}, can evidence it and relates it well to this post.",
    ),
    "skilled": (
        "No example of being {t}.",
        "A real example showing they are {t}.",
        "Convincing, demanding examples showing they are {t}, with clear results.",
    ),
    "skills": (
        "No example showing {t}.",
        "A real example showing {t}, with a clear effect.",
        "Convincing examples showing {t} in demanding situations, with clear effects on others.",
    ),
    "trait": (
        "No example showing they are {t}.",
        "A real example showing they are {t}.",
        "Convincing, specific examples showing they are {t}, with a clear effect on their work.",
    ),
    "verb": (
        "No real example of having to {t}.",
        "A real example of having to {t}, with their own part and the result clear.",
        "Convincing, specific examples of having to {t}, with clear results and honest reflection.",
    ),
    "statement": (
        "Cannot meet the requirement, or does not understand it.",
        "Understands the requirement and says clearly that they can meet it.",
        "Understands the requirement fully, can meet it and has met a similar one before.",
    ),
    "evidence": (
        "Does not meet the requirement for {t}, or cannot say how.",
        "Meets the requirement for {t} and can say how it would be evidenced.",
        "Clearly meets the requirement for {t}, can evidence it and has used it well in their work.",
    ),
}


def _template_kind(c: CriterionText) -> str:
    return "be" if c.kind == "hold" and c.noun == "be" else c.kind


def criterion_text(
    text: str, variant: int = 0
) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, str, str]]:
    """(question, probes, positive, negative, anchors) for a criterion's text; ``variant`` picks one of
    the phrasings of its kind (to keep question texts unique within a set)."""
    c = classify(text)
    kind = _template_kind(c)
    subject, extra = split_parts(c.subject)
    templates = TEMPLATES[kind]
    spoken = second_person(subject)
    noun = c.noun or ("willing" if kind == "willing" else "knowledge")
    question = upper_first(tidy(templates[variant % len(templates)].format(s=spoken, n=noun)))
    topic = third_person(short_topic(re.sub(r"^(?:of|in|with)\s+", "", subject) if kind == "experience" else subject))
    if kind == "statement":
        topic = lower_first(topic)
    lead = {
        "experience": "What about your experience of {p}: when have you done that?",
        "knowledge": "And your {n} of {p}: how have you used it?",
    }.get(kind, "What about {p}: when have you shown that?")
    groups: list[list[str]] = []
    for part in extra:  # the rest of a long list, a few items to each follow-up question
        if groups and len(" ".join(groups[-1] + [part]).split()) <= 20:
            groups[-1].append(part)
        else:
            groups.append([part])
    joined = [", ".join(g[:-1]) + (" and " if len(g) > 1 else "") + g[-1] for g in groups]
    follow = tuple(upper_first(lead.format(p=second_person(p), n=noun)) for p in joined)
    content = []
    for pattern, probe in _CONTENT_PROBES:
        if re.search(pattern, text, re.I) and probe not in content:
            content.append(probe)
        if len(content) == 2:
            break
    general = [p.format(t=topic, n=noun) for p in _PROBES[kind]]
    probes = follow + tuple(dict.fromkeys(tuple(content) + tuple(general)))[: max(2, 6 - len(follow))]
    pos, neg = _INDICATORS[kind]
    fill = {"t": topic, "n": noun}
    positive = tuple(upper_first(p.format(**fill)) for p in pos)
    negative = tuple(upper_first(n.format(**fill)) for n in neg)
    low, middle, high = (upper_first(a.format(**fill)) for a in _ANCHORS[kind])
    return question, probes, positive, negative, (low, middle, high)
