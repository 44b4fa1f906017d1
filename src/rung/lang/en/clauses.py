"""English parse adapter: spaCy's dependency parse -> language-neutral clauses (rung.clauses).

Every verb is a clause (speech and modal verbs too: they carry attribution and modality for their
complements), and so is an event noun the lexicon knows ('the strike on', 'Russia's invasion of') when
no light verb carries it. Arguments are labelled by dependency and preposition (cues.yaml
`argument_prepositions`), resolved to actors through the knowledge-base mentions, and, where the clause
names nobody, through the governing clause (control, coordination, relative pronouns) or the article's
discourse state (pronouns, 'the ministry'). Decisions about events and claims are not made here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from rung.actors.people import known_person
from rung.clauses import Anaphor, Argument, Attribution, Clause, Discourse, Evidential, Link, Role
from rung.lang.en.actors import EnglishActors

_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
             ("s", ""))


def lemma_of(token: Any, predicates: dict) -> str:
    """spaCy's lemma, unless the lexicon knows a plain de-inflection of the word and not the lemma, or the lemma
    without a 're-' prefix ('reimpose')."""
    lemma = token.lemma_.lower()
    if lemma in predicates:
        return lemma
    word = token.lower_
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and (candidate := word[: len(word) - len(suffix)] + replacement) in predicates:
            return candidate
    if lemma.startswith("re") and len(lemma) > 5 and lemma[2:] in predicates:
        return lemma[2:]
    return lemma
from rung.lang.en.lexicon import LIGHT, NONE, load_lexicon
from rung.model import ActorType, Mention, Sentence
from rung.nlp.batching import mentions_by_token

_SUBJECTS = {"nsubj", "csubj", "expl"}
_OBJECTS = {"dobj", "obj"}
# Verbs whose event noun object lends them its target: a light verb carries the act ('launched strikes on Kyiv'),
# and a concession undoes it for the party it was done to ('lifted the sanctions on Iran' concedes to Iran).
_SHARES_OBJECTS_TARGET = {LIGHT, "CONCEDE"}
_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "det", "prep", "pobj", "nummod", "quantmod",
                "npadvmod", "case", "flat", "punct", "predet"}
_RELATIVE = {"which", "who", "that", "whom", "whose"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj", "parataxis"}


class EnglishClauses:
    code = "en"

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        lex = load_lexicon()
        self.lexicon = lex
        cues = lex.cues
        self.actors = EnglishActors(kb)
        self.modal_aux = dict(cues["modal_auxiliaries"])
        self.modal_adverbs = dict(cues["modal_adverbs"])
        self.governing = dict(cues["governing"])
        self.reporting = set(cues["reporting_predicates"])
        self.negating_governors = set(cues["negating_governors"])
        self.abstaining = set(cues["abstaining_verbs"])
        self.conditional_marks = set(cues["conditional_marks"])
        self.object_control = set(cues["object_control"])
        self.perception = set(cues["perception_verbs"])
        self.disapproval = set(cues["disapproval_types"])
        self.unnamed_heads = set(cues["unnamed_source_heads"])
        self.office_heads = set(cues["office_heads"])
        self.pair_phrases = tuple(cues["pair_phrases"])
        self.container_nouns = set(cues["container_nouns"])
        self.capability_nouns = set(cues["capability_nouns"])
        self.plural_senses = set(cues["plural_senses"])
        self.for_to_heads = set(cues["for_to_heads"])
        clause = cues["clauses"]
        self.prep_roles: dict[str, Role] = {p: Role(r) for r, ps in clause["argument_prepositions"].items() for p in ps}
        self.permission = set(clause["permission_predicates"])
        self.stances: dict[str, str] = {lemma: s for s, lemmas in clause["speech_stance"].items() for lemma in lemmas}
        self.document_heads = set(clause["document_heads"])
        self.hedges = set(clause["hedges"])
        self.anaphors: dict[str, Anaphor] = {w: Anaphor(k) for k, ws in clause["anaphors"].items() for w in ws}
        self.definite: dict[str, Anaphor] = {w: Anaphor(k) for k, ws in clause["definite_descriptions"].items()
                                             for w in ws}
        self.generic_determiners = set(clause["generic_determiners"])
        self.people_heads = set(clause["people_heads"])
        self.purpose_marks = set(clause["purpose_marks"])
        self.hearsay = tuple(cues["agentless_attribution"])
        self.turn_tag = re.compile(clause["turn_tag"])
        self.silence = set(clause["silence_predicates"])
        self.report_nouns = set(clause["report_nouns"])
        self.speech_with_content = set(clause.get("speech_with_content", ()))
        self.statement_pronouns = set(clause["statement_pronouns"])
        self.carriers = set(clause["carrier_verbs"])
        self.setting_preps = set(clause["setting_prepositions"])
        self.setting_types = set(clause["setting_types"])
        self.occasion_preps = set(clause["occasion_prepositions"])
        self.declared_phrases: dict[str, str] = dict(clause["declared_phrases"])
        self.settling_verbs = set(clause["settling_verbs"])
        self.summoning_verbs = set(clause["summoning_verbs"])
        self.issued_documents = set(clause["issued_documents"])
        self.issuing_verbs = set(clause["issuing_verbs"])
        self.occasion_types = set(clause["occasion_types"])
        self.occasion_verbs = set(clause["occasion_verbs"])
        self.statement_nouns = set(clause["statement_nouns"])
        self.question_tags = set(clause["question_tags"])
        self.attribution_line = re.compile(clause["attribution_line"])
        self.header_attribution = re.compile(clause["header_attribution"])
        self.titled_turn_tag = re.compile(clause["titled_turn_tag"])
        self.verb_only = frozenset(clause["verb_only"])
        self.possessor_control = set(clause["possessor_control"])
        self.taken_steps = set(clause["taken_steps"])
        self.agent_nouns = frozenset(clause["agent_nouns"])
        self.office_words = frozenset(clause["office_words"])
        self.stranded_subject_preps = {k: set(v) for k, v in clause["stranded_subject_preps"].items()}
        self.header_reach = int(clause["header_reach"])

    def candidate_sentences(self, sentences: Sequence[Sentence], linked: Sequence[Mention]) -> list[int]:
        """English parses are cheap: every sentence."""
        return [s.index for s in sentences]

    def _people(self, mentions: Iterable[Mention]) -> list[str]:
        """The persons among linked mentions, in order."""
        return [m.actor_id for m in mentions if m.actor_id and (x := self.kb.get(m.actor_id)) is not None
                and x.type is ActorType.person]

    def turn(self, sentence: Sentence, mentions: Sequence[Mention], discourse: Discourse
             ) -> tuple[list[str], bool] | None:
        """A transcript speaker tag at the start of the sentence: (speakers, is_question), else None."""
        if self.attribution_line.match(sentence.text):
            # 'Attributed to Pentagon Press Secretary Pat Ryder:': what follows is that person's
            people = self._people(mentions)
            return (people[:1], False) if people else None
        byline_due, discourse.byline_due = discourse.byline_due, False
        if byline_due:
            # 'Press Statement' / 'Michael R. Pompeo' / 'Secretary of State': the line after the header names the author
            people = self._people(mentions)
            if people:
                return people[:1], False
        header = self.header_attribution.search(sentence.text) if sentence.index <= 1 else None
        if header is not None:
            after = sentence.start + header.end()
            people = self._people(m for m in mentions if after <= m.start <= after + self.header_reach)
            if people:
                return people[:1], False
            discourse.byline_due = not sentence.text[header.end():].strip()
        match = self.turn_tag.match(sentence.text)
        if match is None:
            titled = self.titled_turn_tag.match(sentence.text)
            if titled is None:
                return None
            end = sentence.start + titled.end(1)
            people = self._people(m for m in mentions if m.start < end)
            return (people[-1:], False) if people else None
        tag = match.group(1)
        if tag.strip(" .").upper() in self.question_tags:
            return [], True
        end = sentence.start + match.end(1)
        speakers = [m.actor_id for m in mentions if m.actor_id and m.start < end]
        if not speakers:  # 'MR MILLER:': the guide's 'a surname with a title names the person'
            countries = {self.kb.country_of(p) for p in discourse.publisher} - {None}
            known = known_person(self.kb, tag, countries)
            speakers = [known.id] if known is not None else []
        return speakers, False

    # -- the adapter's one entry point -------------------------------------------------------------
    def clauses(self, sentence: Sentence, doc: Any, mentions: Sequence[Mention], discourse: Discourse,
                first_index: int) -> list[Clause]:
        if discourse.relayed_quote == "closing":  # the relayed quotation closed last sentence: the relayer speaks again
            discourse.statement_speaker, discourse.relayed_quote = [], ""
        ctx = _Sentence(self, sentence, doc, self.actors.mentions(sentence, doc, mentions), discourse)
        declared = self._declared_phrases(doc)
        preds = [t for t in doc if (self._is_predicate(t) or t.i in declared)
                 and not any(t.i in span for span, _, _ in declared.values())]
        by_token: dict[int, Clause] = {}
        for n, token in enumerate(preds):
            predicate = declared[token.i][1] if token.i in declared else self._lemma(token)
            by_token[token.i] = Clause(index=first_index + n, sentence=sentence.index, predicate=predicate,
                                       text=token.text, start=sentence.start + token.idx,
                                       end=sentence.start + token.idx + len(token.text),
                                       nominal=token.pos_ in {"NOUN", "PROPN"})
        ctx.by_token = by_token
        # parents first, so that inherited arguments and attribution are there when a child reads them
        for token in sorted(preds, key=lambda t: _depth(t)):
            self._fill(ctx, token, by_token[token.i])
        for verb, (_, _, party) in declared.items():
            clause = by_token[verb]
            if party is not None and not clause.actors(Role.patient):
                self._add(ctx, clause, Role.patient, party, "declared")
        self._share_passive_agents(list(by_token.values()))
        discourse.note_mentions([m.actor_id for m in ctx.mentions if m.actor_id])
        for clause in by_token.values():  # 'Prime Minister Rishi Sunak has made a statement': what follows is his
            if any(a.role is Role.patient and a.head in self.statement_nouns for a in clause.arguments):
                people = [a for a in clause.actors(Role.agent) if (x := self.kb.get(a)) is not None
                          and x.type is ActorType.person]
                if people:
                    discourse.statement_speaker = people[:1]
        self._relayed_statement(ctx, list(by_token.values()), discourse)
        ordered = sorted(by_token.values(), key=lambda c: c.index)
        for clause in ordered:
            agents = clause.actors(Role.agent)
            if agents and not clause.nominal:
                discourse.note(agents, sentence.index, as_topic=clause.parent is None)
                partners = [a for arg in clause.role(Role.recipient) if "with" in arg.rule for a in arg.actors]
                if len(agents) == 1 and len(partners) == 1:
                    # 'Putin had a telephone conversation with Obama. The leaders of the two nations agreed ...'
                    discourse.note_pair([agents[0], partners[0]])
        return ordered

    def _relayed_statement(self, ctx: _Sentence, clauses: list[Clause], discourse: Discourse) -> None:
        """'I'd like to open with a statement from Ambassador X: “...”': the quotation relays X's words, which are X's
        (guide: relayed words are their author's) until the quotation closes."""
        text = ctx.sentence.text
        if discourse.relayed_quote == "open":
            if text.count("”") > text.count("“"):
                discourse.relayed_quote = "closing"
            return
        for clause in clauses:
            for arg in clause.arguments:
                people = [a for a in arg.actors if (x := self.kb.get(a)) is not None and x.type is ActorType.person]
                opening = arg.end - ctx.sentence.start
                if (arg.head in self.statement_nouns and " from " in arg.text and people
                        and text[opening:].lstrip(" :").startswith("“")
                        and text.count("“") > text.count("”")):
                    discourse.statement_speaker, discourse.relayed_quote = people[:1], "open"
                    return

    @staticmethod
    def _share_passive_agents(clauses: list[Clause]) -> None:
        """'The tanker was seized after being boarded by IRGC forces', 'was attacked and seized by X': a passive
        with no agent of its own takes the 'by' agent (which only a passive has) of a clause hanging off it."""
        for clause in clauses:
            if clause.voice != "passive" or clause.actors(Role.agent) or clause.nominal:
                continue
            if any(a.rule.startswith("by-agent") for a in clause.role(Role.agent)):
                continue  # 'was conducted by the same MQ-9s that had been harassed by Russian aircraft': its own 'by'
            for child in clauses:
                if child.parent == clause.index and child.link in (
                        Link.complement, Link.adverbial, Link.coordination):
                    by = [a for a in child.role(Role.agent) if a.actors and a.rule.startswith("by-agent")]
                    if by:
                        clause.give_agent(by[0].actors, "shared:passive-by")
                        break

    # -- predicates --------------------------------------------------------------------------------
    def _declared_phrases(self, doc: Any) -> dict[int, tuple[range, str, Any]]:
        """'declared 60 diplomats persona non grata', 'dubbed 60 of our staff Persona Non Grata': a fixed phrase the
        parse splits anyhow (a verb 'persona', an apposition 'Grata'). The verb above it takes the phrase's lexicon row
        (predicates.tsv 'declare persona non grata'), and the words between verb and phrase are whom it declares.
        By verb index: (the phrase's tokens, the predicate, the head of the declared party's phrase)."""
        out: dict[int, tuple[range, str, Any]] = {}
        words = [t.lower_ for t in doc]
        for phrase in self.declared_phrases:
            parts = phrase.split()
            for start in range(len(words) - len(parts) + 1):
                if words[start:start + len(parts)] != parts:
                    continue
                span = range(start, start + len(parts))
                verb = next((a for a in _ancestors(doc[start]) if a.pos_ == "VERB" and a.i not in span
                             and a.i < start), None)
                if verb is None:
                    continue
                between = range(verb.i + 1, start)
                party = next((doc[i] for i in between if doc[i].head.i not in between and doc[i].pos_ in
                              {"NOUN", "PROPN", "NUM", "PRON"}), None)
                out[verb.i] = (span, self.declared_phrases[phrase], party)
        return out

    def _lemma(self, token: Any) -> str:
        """The lexicon's key: a phrasal verb ('call on', 'shoot down') before the bare lemma, which is de-inflected
        where the small model's lemmatiser slips ('staged' -> 'stag')."""
        if token.pos_ != "VERB":
            return token.lemma_.lower()
        lemma = lemma_of(token, self.lexicon.predicates)
        if f"{lemma} for" in self.lexicon.predicates and self._for_to(token) is not None:
            return f"{lemma} for"  # 'called for Russia to withdraw': the parse's 'for' is the clause's mark
        for child in token.children:
            if child.dep_ in {"prt", "prep", "oprd", "acomp"}:  # 'point out', 'made clear'
                key = f"{lemma} {child.lower_}"
                if key in self.lexicon.predicates or key in self.governing or key in self.object_control \
                        or key in self.reporting:
                    return key
            elif child.dep_ == "advmod" and child.i == token.i + 1 and f"{lemma} {child.lower_}" in self.lexicon.predicates:
                return f"{lemma} {child.lower_}"  # 'forces have moved back': the particle parsed as an adverb
        return lemma

    def _for_to(self, token: Any) -> Any | None:
        """'called for Russia to withdraw', 'our calls for Israel to ensure ...': the clause of 'for X to V' that the
        parse hangs as an adverbial (on the verb, or on the verb above the noun) with 'for' straight after the asking
        word (cues.yaml for_to_heads); None elsewhere."""
        if token.lemma_.lower() not in self.for_to_heads:
            return None
        holder = token if token.pos_ == "VERB" else token.head if token.dep_ in _OBJECTS else None
        if holder is None:
            return None
        return next((c for c in holder.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                     and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == token.i + 1 for m in c.children)
                     and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)
                     and any(m.dep_ in _SUBJECTS for m in c.children)), None)

    def _asker(self, token: Any, ctx: Any) -> Any | None:
        """The asking word whose 'for X to V' clause this token heads (`_for_to`), if it is a clause of its own."""
        if token.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ == "for" for m in token.children):
            return None
        head = token.head
        for asker in [head, *(c for c in head.children if c.dep_ in _OBJECTS)]:
            if asker.i in ctx.by_token and (asked := self._for_to(asker)) is not None and asked.i == token.i:
                return asker
        return None

    def _is_predicate(self, token: Any) -> bool:
        if token.pos_ == "VERB" and token.dep_ not in {"aux", "auxpass", "amod", "compound", "prep"}:
            return True
        if token.pos_ == "VERB" and token.dep_ == "amod" and any(c.dep_ in _SUBJECTS for c in token.children):
            return True  # 'claim the Malian Armed Forces had targeted elements of ...': a verb the parse hung as a modifier
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":
            if token.lemma_.lower() in self.verb_only:
                return False  # 'ships' are vessels, 'partners' and 'allies' the parties, not acts
            if token.pos_ == "PROPN" and token.ent_type_:
                return False  # 'in the spirit of the Camp David Summit': a word of a name (guide: names are no events)
            if token.lemma_.lower() in self.agent_nouns and not (token.dep_ == "attr" and token.head.lemma_.lower() == "be"):
                return False  # 'Guaido and his supporters' are people; 'X is a supporter of Y' says what X does
            entry = self.lexicon.entry(token.lemma_.lower())
            if entry is None:
                return False
            carried = [c for c in token.children if c.dep_ in {"compound", "amod", "nmod"}] + [
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"] + [  # 'its use of force'
                c for c in token.children if c.dep_ == "prep"]  # 'operations against ISIS': refined by 'against'
            refined = [r for c in carried if (r := self.lexicon.refinements.get((token.lemma_.lower(), c.lemma_.lower())))]
            if self._for_to(token) is not None and (r := self.lexicon.refinements.get((token.lemma_.lower(), "for"))):
                refined.append(r)  # 'our calls for Israel to ensure ...': refined by the parse's mark 'for'
            if entry.plover == LIGHT and not refined:  # 'a missile launch': a light noun with what it carries
                return False
            if entry.plover == NONE and not any(r.plover not in (LIGHT, NONE) for r in refined):
                return False  # 'a phone call', 'a call with Gallant' are talks; a bare 'call' is no act
            head = token.head
            if entry.plover == "SUPPORT" and _standing(token):
                return False  # 'our support for Israel's security is ironclad', 'remains steadfast in its support of'
            if token.dep_ == "attr" and head.lemma_.lower() == "be" and any(c.dep_ == "nsubj" for c in head.children) \
                    and token.lemma_.lower() not in self.agent_nouns:
                return False  # 'This was a brazen attack by Iran': a classification of its subject (guide), no act
            if token.dep_ in _OBJECTS | {"pobj", "attr"}:
                carrier = head.head if token.dep_ == "pobj" and head.lower_ == "of" else head
                if carrier.lemma_.lower() in self.container_nouns:
                    carrier = carrier.head
                carrier_entry = self.lexicon.entry(carrier.lemma_.lower())
                if (carrier.pos_ == "VERB" and carrier_entry is not None and carrier_entry.plover == LIGHT
                        or carrier.pos_ == "VERB" and carrier.lemma_.lower() in self.governing) \
                        and not (carrier.dep_ == "acl" and carrier.tag_ == "VBG") \
                        and not (token.dep_ == "pobj" and head.i == carrier.i):
                    # 'launched strikes', 'considering sanctions': the verb's clause carries it; a participle describing
                    # a noun ('trucks carrying U.S. aid') is attributive, and the act it carries is the event; a verb
                    # whose object the parse calls a preposition's is used as one ('given Hezbollah's stockpiling of
                    # weapons': considering it), and carries nothing
                    return False
            return True
        return False

    # -- one clause ----------------------------------------------------------------------------------
    def _fill(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        parent_token = _governor(token, ctx.by_token)
        infinitive = _stray_infinitive(token, parent_token) if parent_token is not None else None
        if infinitive is not None and infinitive.i in ctx.by_token:
            clause.parent, clause.link = ctx.by_token[infinitive.i].index, Link.coordination
        elif (asker := self._asker(token, ctx)) is not None:
            # 'called for Russia to withdraw', 'our calls for Israel to ensure ...': what is asked for
            clause.parent, clause.link = ctx.by_token[asker.i].index, Link.complement
        elif parent_token is not None:
            clause.parent = ctx.by_token[parent_token.i].index
            clause.link = self._link(token, parent_token)
        clause.voice = "passive" if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) else "active"
        clause.objects = self._objects(token)
        lemma = clause.predicate
        clause.speech = token.pos_ == "VERB" and (lemma in self.reporting or lemma in self.stances)
        if clause.speech and lemma in self.speech_with_content and not any(
                c.dep_ in {"ccomp", "parataxis"} or c.text in {":", '"', "“", "”"} for c in token.children):
            clause.speech = False  # 'maintaining peace', 'respond to violations': no words said
        clause.present = token.tag_ in ("VBP", "VBZ")
        clause.done = token.tag_ == "VBD" or (token.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
        clause.stance = self.stances.get(lemma)
        clause.governs = self.governing.get(lemma) or next(
            (self.governing[k] for k in (f"{lemma} {c.lower_}" for c in token.children if c.dep_ in {"prt", "prep"})
             if k in self.governing), None)
        clause.permits = lemma in self.permission
        clause.governs_negation = lemma in self.negating_governors
        if token.pos_ == "VERB":
            self._verb_arguments(ctx, token, clause)
        else:
            self._noun_arguments(ctx, token, clause)
        if (asked := self._for_to(token)) is not None:
            # 'called for Russia to withdraw': who is asked (the 'for' clause's subject), as the object of 'call on'
            clause.governs = clause.governs or self.governing.get(f"{token.lemma_.lower()} for")
            for subject in (c for c in asked.children if c.dep_ in _SUBJECTS):
                self._add(ctx, clause, Role.recipient, subject, "for-to")
        self._modality(ctx, token, clause)
        if lemma in self.abstaining:
            clause.negated = not clause.negated  # 'refrain from strikes': the strikes, not done ('did not refrain': done)
        self._attribution(ctx, token, clause)
        if clause.speech and clause.negated and clause.stance == "confirm":
            clause.stance = "unconfirmed"  # 'did not confirm X': X is unconfirmed, not confirmed
        elif clause.negated and lemma in self.silence:
            clause.speech, clause.stance = True, "decline"  # 'Kyiv did not immediately comment'
        elif clause.speech and any(c.lemma_.lower() in self.hedges and self._hedges(c) for c in token.subtree):
            clause.stance = clause.stance or "hedge"

    def _hedges(self, token: Any) -> bool:
        """A hedge word that hedges: not a modal before another modal ('military might cannot'), not a verb that speaks
        only with what it says and says nothing ('to assess humanitarian need')."""
        if token.tag_ == "MD":
            following = token.nbor(1) if token.i + 1 < len(token.doc) else None
            return not (following is not None and following.tag_ == "MD")
        if token.pos_ == "VERB" and token.lemma_.lower() in self.speech_with_content:
            return any(c.dep_ in {"ccomp", "parataxis"} for c in token.children)
        return True

    def _link(self, token: Any, parent: Any) -> Link:
        node, dep = token, token.dep_
        while node.head.i != parent.i and node.head.i != node.i:  # the dependency nearest the parent
            node = node.head
            dep = node.dep_ if node.dep_ in _CLAUSE_DEPS else dep
        marks = {c.lower_ for c in token.children if c.dep_ in {"mark", "aux"}}
        if token.pos_ in {"NOUN", "PROPN"} or _split_gerund_modifier(token) is not None:
            return Link.nominal  # 'killed in Israeli shelling': the gerund is a noun the parse split off its phrase
        if token.dep_ == "amod":
            dep = "ccomp"  # a verb with its own subject hung as a modifier of the object: the clause the object is
        if dep in {"ccomp", "xcomp", "pcomp", "csubj"} and any(
                c.dep_ in _OBJECTS and c.tag_ in {"WDT", "WP"} and c.i < token.i for c in token.children):
            # 'values the partnership and relations that our countries share': an object fronted as a relative pronoun
            # makes a relative clause describing a noun, whatever the parse hung it on
            return Link.relative
        if dep in {"ccomp", "xcomp", "pcomp", "csubj"}:
            return Link.purpose if (dep == "xcomp" and parent.pos_ == "VERB" and marks & self.purpose_marks
                                    and parent.lemma_.lower() not in self.governing
                                    and parent.lemma_.lower() not in self.reporting
                                    and any(c.dep_ in _OBJECTS for c in parent.children)
                                    and not any(c.dep_ in _OBJECTS and c.lemma_.lower() in self.taken_steps
                                                | self.possessor_control for c in parent.children)
                                    and parent.lemma_.lower() not in self.object_control) else Link.complement
        if dep == "advcl":
            if marks & self.conditional_marks:
                return Link.condition
            if marks & self.purpose_marks and not marks - self.purpose_marks - {"to"} and "to" in marks | {""}:
                if marks == {"to"} and self._lemma(parent) in self.object_control:
                    # 'we call on North Korea to refrain from ...': the parse hung the infinitive a verb of urging
                    # asks for as a purpose; it is what the object is asked to do
                    return Link.complement
                return Link.purpose
            return Link.adverbial
        if dep in {"relcl", "acl"}:
            head = token.head.lemma_.lower()
            if "to" in marks and _possessor_controls(token, self.possessor_control) is not None:
                return Link.complement  # 'Russia's decision to use missiles': what the possessor does, no attribute
            if "to" in marks and token.head.lemma_.lower() in self.possessor_control | self.taken_steps \
                    and token.head.dep_ in _OBJECTS and token.head.head.i == parent.i and parent.pos_ == "VERB":
                return Link.complement  # 'took steps to reinforce', 'made an attempt to seize': the subject's act
            if "that" in marks and head in self.report_nouns:
                return Link.complement  # 'reports that North Korea launched a missile': what the report says
            return Link.complement if "to" in marks and head in self.governing else Link.relative
        if dep == "conj":
            return Link.coordination
        return Link.adverbial

    def _objects(self, token: Any) -> list[str]:
        # a noun's prepositions refine it too ('operations against ISIS': refinements.tsv operation + against)
        out: list[str] = [c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod", "nmod"}] + [
            c.lower_ for c in token.children if c.dep_ == "prep"] if token.pos_ in {"NOUN", "PROPN"} else []
        if token.pos_ in {"NOUN", "PROPN"} and self._for_to(token) is not None:
            out.append("for")  # 'calls for Israel to ensure ...' as 'calls for' (refinements.tsv call + for)
        for child in token.children:
            heads = [child] if child.dep_ in _OBJECTS | {"nsubjpass", "attr"} else []
            if child.dep_ == "prep":  # not 'in order to': a purpose, no order carried ('will continue in order to')
                heads += [g for g in child.children if g.dep_ == "pobj"
                          and not (child.lower_ == "in" and g.lower_ in self.purpose_marks)]
            for head in heads:
                if head.lemma_.lower() in self.container_nouns:  # 'a wave of strikes' -> strike
                    head = next((g for p in head.children if p.dep_ == "prep" for g in p.children
                                 if g.dep_ == "pobj"), head)
                # modifiers first: 'nuclear weapons' refines by 'nuclear' before 'weapon'; none for know-how ('used
                # ballistic missile technology' uses no missile)
                if head.lemma_.lower() not in self.capability_nouns:
                    out.extend(g.lemma_.lower() for g in head.children if g.dep_ in {"compound", "amod"})
                if head.lower_ in self.plural_senses:
                    out.append(head.lower_)  # 'forces' (troops) before 'force' (violence): refinements.tsv use forces
                out.append(head.lemma_.lower())
                if child.dep_ in _OBJECTS:  # 'took action against X': a carried noun's preposition refines it too
                    out.extend(g.lower_ for g in head.children if g.dep_ == "prep")
        return out

    # -- arguments ---------------------------------------------------------------------------------
    def _verb_arguments(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        passive = clause.voice == "passive"
        if not passive and not any(c.dep_ in _SUBJECTS for c in token.children):
            possessor = _possessor_controls(token, self.possessor_control)
            stranded = _stranded_subject(token, self.stranded_subject_preps) if possessor is None else None
            if possessor is not None:  # 'Azerbaijan's decision to commence an operation': the possessor acts
                self._add(ctx, clause, Role.agent, possessor, "control:possessor", phrase=False)
            elif token.dep_ == "acl" and token.tag_ == "VBD" and token.head.pos_ in {"NOUN", "PROPN"} \
                    and any(c.dep_ in _OBJECTS for c in token.children):
                # '..., U.S. military forces conducted strikes on ...': a past-tense verb with an object that the parse
                # hung on the noun before it as a modifier has that noun as its subject (a participle the tagger calls
                # VBD, 'no injuries or damage reported', 'restrictions announced February 7', takes no object)
                self._add(ctx, clause, Role.agent, token.head, "relative-head:finite", phrase=False)
            elif stranded is not None and (token.tag_ in _FINITE or ctx.phrase_actors(stranded)):
                self._add(ctx, clause, Role.agent, stranded, "subject:stranded")
            elif (modifier := _split_gerund_modifier(token)) is not None and ctx.phrase_actors(modifier):
                # 'killed in Israeli shelling': the parse ends the 'in' phrase at the demonym and hangs the gerund noun
                # as a clause of its own; the demonym is the doer, as in 'killed in a Russian drone strike'
                self._add(ctx, clause, Role.agent, modifier, "gerund-modifier")
            else:
                self._inherit_agent(ctx, token, clause)  # first, so that 'its' in the object can refer to it
        for child in token.children:
            dep = child.dep_
            if dep in _SUBJECTS and not passive:
                if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                    self._add(ctx, clause, Role.agent, token.head, "relative-head")
                else:
                    self._add(ctx, clause, Role.agent, child, "subject")
            elif dep == "nsubjpass":
                if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                    self._add(ctx, clause, Role.patient, token.head, "relative-head")
                else:
                    self._add(ctx, clause, Role.patient, child, "passive-subject")
            elif dep == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        self._add(ctx, clause, Role.agent, pobj, "by-agent")
            elif dep in _OBJECTS:
                self._add(ctx, clause, Role.patient, child, "object")
                for prep in child.children:  # 'launched strikes on Kyiv': the object's own target phrase
                    if child.i in ctx.by_token and self.prep_roles.get(prep.lower_) is Role.patient and not (
                            (entry := self.lexicon.entry(clause.predicate)) is not None
                            and entry.plover in _SHARES_OBJECTS_TARGET):
                        continue  # 'condemn the RSF's assault on El Fasher': an event noun's target is its own
                    self._prep(ctx, clause, prep, "object-")
                for prep in (p for part in child.children if part.dep_ == "acl" and part.tag_ == "VBN"
                             and self.lexicon.entry(self._lemma(part)) is None
                             for p in part.children if p.dep_ == "prep" and p.lower_ == "against"):
                    # 'using weapons sourced from North Korea against Ukraine': the parser hangs the use's 'against'
                    # on the participle describing the weapons, which is no act aimed at anything ('missiles fired
                    # against Israel' keep their own target)
                    self._prep(ctx, clause, prep, "object-participle-")
            elif dep == "dative":
                self._add(ctx, clause, Role.recipient, child, "dative")
            elif dep == "prep":
                self._prep(ctx, clause, child, "")
        if token.dep_ == "acl" and token.tag_ == "VBN" and not clause.role(Role.patient):
            self._add(ctx, clause, Role.patient, token.head, "participle-head")  # 'missiles supplied by X'
        if passive and clause.predicate in self.summoning_verbs and not clause.actors(Role.agent):
            for pobj in (g for p in token.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children
                         if g.dep_ == "pobj"):
                # 'Ambassador Huntsman was convoked to the Ministry of Foreign Affairs': the ministry summons him
                self._add(ctx, clause, Role.agent, pobj, "summoned-to")
                clause.arguments = [a for a in clause.arguments if not (a.role is Role.recipient and a.marker == "to")]
        document = token.head
        if token.dep_ == "acl" and token.tag_ == "VBG" and not clause.actors(Role.agent) and not clause.speech \
                and document.lemma_.lower() in self.issued_documents and document.dep_ in _OBJECTS \
                and document.head.i in ctx.by_token and ctx.by_token[document.head.i].predicate in self.issuing_verbs:
            # 'the ministry issued a statement condemning the launch': the issuer condemns
            issuer = ctx.by_token[document.head.i].actors(Role.agent)
            if issuer:
                clause.give_agent(issuer, "relative-head:issuer")
        # a subject naming no known actor ('security forces fired') leaves the agent null; a passive names no
        # hidden agent

    def _noun_arguments(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        self._noun_args_from_children(ctx, token, clause)
        if not clause.actors(Role.agent):
            # 'attacks against Fur and other communities by the RSF', 'threats to kill or kidnap Britons by the Iranian
            # regime': the parser hangs the noun's 'by' phrase on its target or on the infinitive it governs
            for agent in _stranded_by_agents(token, ctx.by_token):
                self._add(ctx, clause, Role.agent, agent, "noun-by-nested")
                if clause.actors(Role.agent):
                    break
        if not clause.actors(Role.agent):
            # 'condemn the kidnapping of X, by Maduro's intelligence services': the parser hangs the noun's 'by'
            # phrase on the active verb above it, where it can be no agent
            for agent in _verb_hung_by_agents(token, ctx.by_token):
                self._add(ctx, clause, Role.agent, agent, "noun-by-hung")
                if clause.actors(Role.agent):
                    break
        if not clause.actors(Role.agent):
            # 'the strikes that we have taken', 'attacks carried out by the RSF': who carries the act on in a relative
            # clause on the noun does it (the relative clause itself describes the noun: no second event)
            for rel in (c for c in token.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"):
                lemma = self._lemma(rel)
                entry = self.lexicon.entry(lemma)
                if not (entry is not None and entry.plover == LIGHT or lemma in self.carriers):
                    continue
                doers = [c for c in rel.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE] + [
                    g for c in rel.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                for doer in doers:
                    self._add(ctx, clause, Role.agent, doer, "noun-relative-doer")
                if clause.actors(Role.agent):
                    break
        noun_type = self._noun_type(token, clause)
        if not clause.actors(Role.agent) and noun_type == "AGREE":
            # 'an agreement resolving the maritime dispute between Israel and Lebanon': the dispute's parties agree
            for pobj in (g for v in token.children if v.dep_ in {"acl", "relcl"} and v.lemma_.lower() in self.settling_verbs
                         for o in v.children if o.dep_ in _OBJECTS for p in o.children
                         if p.dep_ == "prep" and p.lower_ == "between" for g in p.children if g.dep_ == "pobj"):
                parties = ctx.phrase_actors(pobj)
                if len(parties) >= 2:
                    self._add(ctx, clause, Role.agent, pobj, "noun-settles-between", phrase=False)
                    clause.arguments[-1].actors = parties[:1]
                    self._add(ctx, clause, Role.recipient, pobj, "noun-settles-between", phrase=False)
                    clause.arguments[-1].actors = parties[1:2]
                    break
        first = token
        while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN"}:
            first = first.head  # 'pursuing economic coercion, ..., cyber-attacks against Taiwan': conjuncts share the carrier
        if not clause.actors(Role.agent) and first.dep_ in _OBJECTS and first.head.i in ctx.by_token:
            carrier = ctx.by_token[first.head.i]
            if carrier.predicate in self.carriers and carrier.actors(Role.agent):
                # 'extend a range of military exercises': who carries the act on does it
                clause.give_agent(carrier.actors(Role.agent), "carrier")
        if not clause.actors(Role.agent) and token.dep_ == "pobj" and token.head.lower_ in self.setting_preps \
                and token.head.head.i in ctx.by_token and noun_type in self.setting_types:
            setting = ctx.by_token[token.head.head.i]
            fronted = token.head.i < token.head.head.i or token.head.lower_ == "during"  # not 'engage in dialogue'
            if fronted and not setting.nominal and setting.actors(Role.agent):
                # 'during a phone call to Gallant, the secretary reiterated': the talks are the secretary's
                clause.give_agent(setting.actors(Role.agent), "setting")

        if not clause.actors(Role.agent) and token.dep_ == "pobj" and token.head.lower_ in self.occasion_preps \
                and token.head.head.pos_ in {"VERB", "AUX"} and token.head.head.lemma_.lower() in self.occasion_verbs \
                and noun_type in self.occasion_types:
            governor = token.head.head
            if not any(c.dep_ in _OBJECTS for c in governor.children):
                # 'U.S. troops are in the Philippines for the annual exercises': the troops' exercises
                for subject in (c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}):
                    self._add(ctx, clause, Role.agent, subject, "occasion-subject")

    def _noun_type(self, token: Any, clause: Clause) -> str | None:
        """The lexicon's type of an event noun, as its modifiers refine it ('phone call': CONSULT)."""
        for obj in clause.objects:
            refined = self.lexicon.refinements.get((token.lemma_.lower(), obj))
            if refined is not None:
                return refined.plover
        entry = self.lexicon.entry(token.lemma_.lower())
        return entry.plover if entry is not None else None

    def _noun_args_from_children(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        if token.dep_ == "attr" and token.lemma_.lower() in self.agent_nouns and token.head.lemma_.lower() == "be":
            # 'the UK is a strong supporter of UNIFIL': a noun of the doer says what the copula's subject does, and
            # its 'of' phrase (below) is then the target
            for subject in (c for c in token.head.children if c.dep_ == "nsubj"):
                self._add(ctx, clause, Role.agent, subject, "copula-agent-noun")
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"} and ctx.actor_of(child)):
                self._add(ctx, clause, Role.agent, child, f"noun-{child.dep_}", phrase=False)
            elif child.dep_ == "prep" and child.lower_ in ("by", "between"):
                # 'shelling by the Sudanese Armed Forces', 'a conversation between Putin and Trump'
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    actors = ctx.phrase_actors(pobj)
                    if child.lower_ == "between" and len(actors) >= 2:
                        self._add(ctx, clause, Role.agent, pobj, "noun-between", phrase=False)
                        clause.arguments[-1].actors = actors[:1]
                        self._add(ctx, clause, Role.recipient, pobj, "noun-between", phrase=False)
                        clause.arguments[-1].actors = actors[1:2]
                    else:
                        self._add(ctx, clause, Role.agent, pobj, f"noun-{child.lower_}")
            elif child.dep_ == "prep":
                word = child.lower_
                if word == "of":
                    # 'the kidnapping of X by Y': with a 'by' phrase of its own, the 'of' phrase is the one acted on
                    by_phrase = any(c.dep_ == "prep" and c.lower_ == "by" for c in token.children) \
                        or _stranded_by_agents(token, ctx.by_token) or _verb_hung_by_agents(token, ctx.by_token)
                    role = Role.patient if clause.actors(Role.agent) or by_phrase else Role.agent
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            self._add(ctx, clause, role, pobj, "noun-of")
                else:
                    self._prep(ctx, clause, child, "noun-")

    def _prep(self, ctx: _Sentence, clause: Clause, prep: Any, prefix: str) -> None:
        if prep.dep_ != "prep":
            return
        word = prep.lower_
        if word == "by" and prep.head.tag_ == "VBG":
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):  # 'opening fire ... by the Ukrainian army'
                self._add(ctx, clause, Role.agent, pobj, "gerund-by", marker=word)
            return
        if word == "according":
            return  # attribution, not an argument
        role = self.prep_roles.get(word)
        if word == "by" and clause.voice == "passive":
            role = Role.agent
        if role is None:
            return
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            r = role
            if word == "with":
                actors = ctx.phrase_actors(pobj)
                if actors and all((a := self.kb.get(x)) is not None and a.type is ActorType.weapon for x in actors):
                    r = Role.instrument
            self._add(ctx, clause, r, pobj, f"{prefix}{word}", marker=word)

    def _add(self, ctx: _Sentence, clause: Clause, role: Role, head: Any, rule: str, marker: str = "",
             phrase: bool = True) -> None:
        left, right = (head.left_edge, head.right_edge) if phrase else (head, head)
        start, end = left.idx, right.idx + len(right.text)
        named = head
        if role is Role.agent and {head.lemma_.lower(), head.lower_} & self.container_nouns:
            # 'Hundreds of UN troops withdrew': what the quantity counts is the doer
            named = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                          if g.dep_ == "pobj"), head)
        actors, how = ctx.phrase_actors(named, places=role is not Role.agent), "mention"
        if role is Role.agent and actors:  # 'activists and Venezuelan citizens demanded': a state's people do no act of it
            people = [t for t in [named, *_conjuncts(named)] if t.lower_ in self.people_heads]
            if people:
                peoples_states = {x for t in people for x in ctx.phrase_actors(t)}
                actors = [a for a in actors if a not in peoples_states]
        if not actors:
            actors, how = self._back_reference(ctx, head, clause)
        if role is Role.agent:  # 'Washington imposed': a capital acting is its government; other places do not act
            actors = [x for a in actors if (x := self.actors.as_source(a))]
        clause.arguments.append(Argument(role=role, text=ctx.sentence.text[start:end], start=ctx.sentence.start + start,
                                         end=ctx.sentence.start + end, head=head.lemma_.lower(), actors=actors,
                                         rule=f"{rule}:{how}" if how != "mention" else rule, marker=marker))
        if role is Role.agent and head.lower_ in {"we", "our", "us"}:
            clause.first_person = True
        if role is Role.agent and any(c.lower_ in self.generic_determiners for c in head.children if c.dep_ == "det"):
            clause.generic = True  # 'any attack will be treated as ...'

    def _back_reference(self, ctx: _Sentence, head: Any, clause: Clause) -> tuple[list[str], str]:
        """Pronouns and definite descriptions: the speaker of the speech verb above ('Russia said it would'),
        else the discourse state."""
        word = head.lower_
        kind = self.anaphors.get(word)
        possessor = None
        if kind is None:  # 'its air forces', 'his ministry': the possessor refers back
            possessor = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in self.anaphors), None)
            if possessor is None and not any(c.dep_ == "poss" for c in head.children):
                ours = next((c for c in _of_possessors(head) if self.anaphors.get(c.lower_) is Anaphor.self), None)
                if ours is not None:  # 'the closure of our consulate', '60 of our staff': the speaker's state's
                    actors, rule = self._back_reference(ctx, ours, clause)
                    states = [x for a in actors if (x := self.kb.country_of(a) or (
                        None if (k := self.kb.get(a)) is not None and k.type is ActorType.person else a))]
                    if actors and not states:  # a speaker no list places: the state of the party publishing them
                        states = [x for p in ctx.discourse.publisher if (x := self.kb.country_of(p) or p)]
                    return list(dict.fromkeys(states)), rule
            if possessor is not None:
                word, kind = possessor.lower_, self.anaphors[possessor.lower_]
        text = " ".join(t.lower_ for t in head.subtree)
        if kind is None:
            kind = self.definite.get(text)
        if kind is None:  # 'The Secretary and the Foreign Ministers': the first conjunct's description
            own = " ".join(t.lower_ for t in head.subtree if t.i <= head.i)
            kind = self.definite.get(own)
        if kind is None and (det := next((c for c in head.children if c.dep_ == "det"), None)) is not None \
                and all(c.dep_ in {"det", "amod", "advmod"} for c in head.children):
            # 'the democratically elected President', 'the new government': the description without its modifiers
            kind = self.definite.get(f"{det.lower_} {head.lower_}")
        if kind is None and any(p in text for p in self.pair_phrases):
            kind = Anaphor.pair  # 'the leaders of the two nations'
        if kind is None and word in self.statement_pronouns:
            kind = Anaphor.self  # 'I', 'me': the turn's or the statement's speaker
        if kind is None:
            return [], "mention"
        act = head.head if head.dep_ == "poss" else head if possessor is not None else None
        if kind in (Anaphor.it, Anaphor.person) and act is not None and act.i in ctx.by_token \
                and ctx.by_token[act.i].nominal:
            # 'confirmed that Houthi militants were using Iranian missiles in its recent attacks': the possessive doer of
            # an event noun is the agent of the verb that takes the noun, before any speaker above
            governor = ctx.by_token.get(next((a.i for a in _ancestors(act) if a.i in ctx.by_token), -1))
            if governor is not None and not governor.speech and governor.actors(Role.agent):
                return governor.actors(Role.agent), "antecedent:governor"
        if kind is not Anaphor.self:
            for ancestor in _ancestors(head):
                claimant = self._claimant(ctx, ancestor)
                if claimant:  # 'India's claim that its jets intercepted': the claim's possessor
                    return claimant, "speaker-above"
                above = ctx.by_token.get(ancestor.i)
                if above is not None and above.speech and above.index != clause.index:
                    speakers = above.actors(Role.agent)
                    if speakers:
                        return speakers, "speaker-above"
        if kind in (Anaphor.it, Anaphor.person, Anaphor.pair) and head.dep_ != "nsubj" and clause.actors(Role.agent) \
                and (kind is not Anaphor.pair or len(clause.actors(Role.agent)) >= 2) \
                and (word in self.anaphors or kind is Anaphor.pair):
            # 'called on Kosovo to withdraw its police'; a pair ('urged both sides') is its own agent only if that is two;
            # a description is never the clause's own agent ('we support the democratically elected President')
            return clause.actors(Role.agent), "antecedent:own-agent"
        if kind in (Anaphor.it, Anaphor.person, Anaphor.pair):
            # a pronoun subject of a coordinated or subordinate clause: the governing clause's agent
            parent = ctx.by_token.get(next((a.i for a in _ancestors(head) if a.i in ctx.by_token
                                            and ctx.by_token[a.i] is not clause), -1))
            if parent is not None and not parent.speech and parent.actors(Role.agent):
                return parent.actors(Role.agent), "antecedent:governor"
        if kind is Anaphor.self:
            for ancestor in _ancestors(head):
                above = ctx.by_token.get(ancestor.i)
                if above is not None and above.speech and above.index != clause.index and above.actors(Role.agent):
                    return above.actors(Role.agent), "speaker-above"
        actors, rule = ctx.discourse.resolve(kind, ctx.sentence.index)
        topic = ctx.discourse.topic
        if not actors and kind is Anaphor.pair and word in self.anaphors and head.dep_ == "nsubj" and topic \
                and ctx.sentence.index - ctx.discourse.topic_sentence == 1 \
                and all((x := self.kb.get(a)) is not None and x.type is not ActorType.person for a in topic):
            # 'The Russian Federation dubbed 60 of our staff ... They also ordered the closure': with no pair named,
            # 'they' as a subject is the government or body the sentence before was about (not people: 'The Secretary
            # and the Foreign Ministers affirmed ... They stressed' are several people)
            return list(topic), "discourse:topic"
        if kind is Anaphor.person and head.lower_ in self.office_words and actors:
            # 'MR MILLER: ... the President and the Secretary have consulted': a title names the last person only if
            # that person holds such an office (or no list says what they hold)
            office = (x.office or "").lower() if (x := self.kb.get(actors[0])) is not None else ""
            if office and head.lower_ not in office:
                return [], f"{rule}:other-office"
        return actors, rule

    def _claimant(self, ctx: _Sentence, token: Any) -> list[str]:
        """The actors a report noun's possessor names ('India's claim', 'Moscow's allegation'), else []."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.report_nouns:
            return []
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        return [x for a in ctx.phrase_actors(possessor) if (x := self.actors.as_source(a))] if possessor is not None \
            else []

    def _inherit_agent(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        """A clause with no subject takes its governor's: the object of 'urged X to', the subject of 'plan to',
        of a coordinated verb, of a purpose or adverbial clause."""
        if clause.parent is None:
            return
        parent_token = ctx.token_of(clause.parent)
        parent = ctx.by_token[parent_token.i]
        actors: list[str] = []
        rule = ""
        control = parent.predicate in self.object_control or any(
            f"{parent.predicate} {c.lower_}" in self.object_control for c in parent_token.children if c.dep_ == "prep")
        if clause.link in {Link.complement, Link.purpose} and control:
            actors = parent.actors(Role.patient) or parent.actors(Role.recipient)
            rule = "control:object"
            if not actors and clause.link is Link.complement and any(
                    c.dep_ in _OBJECTS or any(g.dep_ == "pobj" for g in c.children)
                    for c in parent_token.children if c.dep_ in _OBJECTS | {"prep", "prt"}):
                return  # 'call on all officials to help': whom it urges acts, named by no actor; never the urger
        if not actors and parent.predicate in self.perception:
            # 'we have seen Beijing attempt to ...; pursuing economic coercion': what is perceived acts, not who sees it
            perceived = [c for c in ctx.by_token.values() if c.parent == parent.index and c is not clause
                         and c.link is Link.complement and c.actors(Role.agent)]
            actors = parent.actors(Role.patient) or (perceived[0].actors(Role.agent) if perceived else [])
            actors = [x for a in actors if (x := self.actors.as_source(a))]
            if actors:
                clause.give_agent(actors, "control:perceived")
            return
        if not actors and clause.link is Link.complement and parent.voice == "passive" and not parent.speech:
            actors, rule = parent.actors(Role.patient), "control:raised-subject"  # 'China is expected to hold'
        if not actors and clause.link is Link.complement and token.dep_ != "xcomp" \
                and (entry := self.lexicon.entry(parent.predicate)) is not None and entry.plover in self.disapproval:
            return  # 'we condemn any effort to seize power': the seizure is someone else's
        if not actors and clause.link in {Link.complement, Link.purpose, Link.coordination, Link.adverbial,
                                          Link.condition} and not (parent.speech and clause.link is Link.complement
                                                                   and token.dep_ != "xcomp"):
            actors = parent.actors(Role.agent)
            rule = "control:subject"
            if not actors and clause.link is Link.coordination and token.tag_ in {"VBD", "VBZ", "VBP"} \
                    and parent_token.tag_ == "VBG" and parent.parent is not None:
                # 'I announced the package, taking our support to £12 billion, and signed an agreement': a finite verb
                # the parse coordinates with a participle belongs with the participle's governor, and its subject
                actors = ctx.by_token[ctx.token_of(parent.parent).i].actors(Role.agent)
        actors = [x for a in actors if (x := self.actors.as_source(a))]
        if actors:
            clause.give_agent(actors, rule)

    # -- modality, negation, attribution -------------------------------------------------------------
    def _modality(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        for child in token.children:
            word = child.lower_
            if child.dep_ in {"aux", "auxpass"} and word in self.modal_aux:
                if not self._hedges(child):
                    continue  # two modals do not stack: 'military might cannot be used' holds the noun 'might'
                clause.modality.append((self.modal_aux[word], word))
            elif child.dep_ == "advmod" and word in self.modal_adverbs:
                clause.modality.append((self.modal_adverbs[word], word))
            elif child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and token.pos_ != "VERB"):
                clause.negated = True
            elif child.dep_ == "mark" and word in self.conditional_marks:
                clause.modality.append(("conditional", word))
        for obj in (c for c in token.children if c.dep_ in _OBJECTS | {"nsubjpass"}):
            if any(d.dep_ == "det" and d.lower_ == "no" for d in obj.children):
                clause.negated = True  # 'fired no missiles'
        # adjectives and nouns between the clause and its governor: 'is likely to', 'has the right to'
        node = token
        while node.head.i != node.i and node.head.i not in ctx.by_token:
            node = node.head
            if node.lemma_.lower() in self.governing and node.pos_ in {"ADJ", "NOUN", "AUX"}:
                clause.modality.append((self.governing[node.lemma_.lower()], node.lemma_.lower()))
            if node.pos_ == "AUX":  # 'it is likely that', 'it's our assessment that': the copula's predicate noun
                clause.modality.extend((self.governing[c.lemma_.lower()], c.lemma_.lower()) for c in node.children
                                       if c.dep_ in {"attr", "acomp"} and c.lemma_.lower() in self.governing)
            if any(c.dep_ == "neg" for c in node.children) and node.pos_ in {"AUX", "ADJ"}:
                clause.negated = True
        lowered = ctx.sentence.text.lower()
        if any(p in lowered for p in self.hearsay) and clause.parent is None and clause.attribution is None:
            clause.attribution = Attribution(kind=Evidential.hearsay, verb="reportedly", unnamed=True,
                                             rule="hearsay-phrase")

    def _attribution(self, ctx: _Sentence, token: Any, clause: Clause) -> None:
        # 'according to X' on this clause or on a verb it hangs from
        for node in [token, *list(_ancestors(token))[:2]]:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ == "according":
                    for to in child.children:
                        for pobj in to.children if to.lower_ == "to" else []:
                            clause.attribution = self._speaker(ctx, pobj, Evidential.according_to, "according to")
                            return
        if token.dep_ in {"acl", "relcl", "ccomp"} and token.head.pos_ == "NOUN" \
                and token.head.lemma_.lower() in self.report_nouns \
                and not any(c.dep_ == "poss" for c in token.head.children):
            # 'we have seen reports that North Korea launched': hearsay, no source named
            clause.attribution = Attribution(kind=Evidential.hearsay, verb=token.head.lemma_.lower(), unnamed=True,
                                             rule="hearsay:report-noun")
            return
        if token.dep_ in {"acl", "relcl", "ccomp"} and (claimant := self._claimant(ctx, token.head)):
            # 'India's claim that its jets intercepted three Pakistani jets': what the claimant says
            clause.attribution = Attribution(kind=Evidential.said, verb=token.head.lemma_.lower(), speakers=claimant,
                                             rule="speaker:report-noun")
            return
        if clause.parent is None or clause.link is not Link.complement:
            return
        parent_token = ctx.token_of(clause.parent)
        parent = ctx.by_token[parent_token.i]
        if not parent.speech:
            return
        subject = next((c for c in parent_token.children if c.dep_ in _SUBJECTS | {"agent"}), None)
        if subject is not None and subject.dep_ == "agent":
            subject = next((g for g in subject.children if g.dep_ == "pobj"), None)
        if subject is None:
            kind = Evidential.hearsay if parent.voice == "passive" else Evidential.said
            clause.attribution = Attribution(kind=kind, verb=parent.predicate, speakers=parent.actors(Role.agent),
                                             unnamed=not parent.actors(Role.agent), stance=parent.stance,
                                             rule="speech:no-subject")
            return
        kind = Evidential.reported if parent.predicate in {"report", "announce"} else Evidential.said
        clause.attribution = self._speaker(ctx, subject, kind, parent.predicate, parent)
        clause.attribution.stance = parent.stance

    def _speaker(self, ctx: _Sentence, head: Any, kind: Evidential, verb: str,
                 speech: Clause | None = None) -> Attribution:
        text = " ".join(t.text for t in sorted(head.subtree, key=lambda t: t.i))
        lemma = head.lemma_.lower()
        if lemma in self.document_heads:
            kind = Evidential.document
        actors = ctx.phrase_actors(head)
        if not actors and speech is not None:
            actors = speech.actors(Role.agent)
        if not actors and lemma in self.office_heads and not ctx.discourse.speaker and all(
                (x := self.kb.get(p)) is not None and x.type is not ActorType.person for p in ctx.discourse.publisher):
            actors = list(ctx.discourse.publisher)  # 'The Foreign Secretary is announcing' in the ministry's release
        people = [a for a in actors if (x := self.kb.get(a)) is not None and x.type is ActorType.person]
        named_head = head.i in ctx.token_actor and (x := self.kb.get(ctx.actor_of(head))) is not None \
            and x.type is not ActorType.generic
        unnamed = lemma in self.unnamed_heads and not people and not named_head
        generic = bool(actors) and all((x := self.kb.get(a)) is not None and x.type is ActorType.generic for a in actors)
        return Attribution(kind=kind, verb=verb, speakers=actors if not unnamed or generic else [], speaker_text=text,
                           unnamed=unnamed or (not actors and lemma not in self.document_heads),
                           rule=f"speaker:{lemma}")


class _Sentence:
    """One parsed sentence: its tokens' actors and the clause under construction for each predicate."""

    def __init__(self, adapter: EnglishClauses, sentence: Sentence, doc: Any, mentions: Sequence[Mention],
                 discourse: Discourse) -> None:
        self.adapter = adapter
        self.sentence = sentence
        self.doc = doc
        self.mentions = mentions
        self.discourse = discourse
        self.token_actor = mentions_by_token(doc, sentence.start, mentions)
        self.by_token: dict[int, Clause] = {}

    def token_of(self, clause_index: int) -> Any:
        """The predicate token of a clause of this sentence, by the clause's index."""
        return next(self.doc[i] for i, c in self.by_token.items() if c.index == clause_index)

    def actor_of(self, token: Any) -> str | None:
        m = self.token_actor.get(token.i)
        return m.actor_id if m else None

    def phrase_actors(self, head: Any, places: bool = False) -> list[str]:
        """The actor a phrase names: its head's own, else its nearest modifier's, with coordinated phrases. With
        `places`, a place inside the phrase counts too ('a military facility in Bryansk' is in Russia)."""
        out: list[str] = []
        for conjunct in [head, *_conjuncts(head)]:
            for actor in self._own(conjunct):
                if actor not in out:
                    out.append(actor)
        if not out and places and {head.lemma_.lower(), head.lower_} & self.adapter.container_nouns:
            # 'against a number of targets in Israel': what the quantity counts
            for pobj in (g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj"):
                return self.phrase_actors(pobj, places)
        ours = any(c.dep_ == "poss" and c.lower_ in {"our", "my"} for c in [*head.children, *_of_possessors(head)])
        # 'our Mission in Russia', 'our Ambassador in Moscow' are ours, not Russia; 'called for a ceasefire in Gaza': an
        # act with a clause of its own keeps its place
        if not out and places and not ours and head.i not in self.by_token:
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"in", "near", "inside"}):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    out.extend(a for a in self._own(pobj) if a not in out)
        return out

    def _own(self, head: Any) -> list[str]:
        kb = self.adapter.kb
        usable = lambda a: (x := kb.get(a)) is not None and x.type is not ActorType.place or \
            (x is not None and self.adapter.actors.as_source(a) not in (None, a))
        if head.i in self.token_actor and (a := self.token_actor[head.i].actor_id):
            named = [m for c in head.children if c.dep_ in {"compound", "amod", "nmod"} and c.i in self.token_actor
                     and (m := self.token_actor[c.i].actor_id) and m != a]
            if named and (x := kb.get(a)) is not None and x.type is ActorType.weapon:
                return [*named, a]  # 'ATACMS missiles': the named system before the class
            return [a]
        non_state = head.lower_ in self.adapter.actors.non_state_heads  # 'Hamas militants', not 'Syrian rebels''s Syria
        frontier = [c for c in head.children if c.dep_ in _PHRASE_DEPS and c.dep_ not in {"prep"}
                    or (c.dep_ == "prep" and c.lower_ in {"of", "from"})]
        depth = 0
        while frontier and depth < 4:
            depth += 1
            # 'Iranian-backed Houthi terrorists': the backer is not who acts
            hits = sorted((t for t in frontier if t.i in self.token_actor and not _backer(t)),
                          key=lambda t: abs(t.i - head.i))
            if hits:
                found = [self.token_actor[hits[0].i].actor_id or ""]
                for c in _conjuncts(hits[0]):
                    if c.i in self.token_actor and (a := self.token_actor[c.i].actor_id) and a not in found:
                        found.append(a)
                found = [a for a in found if a and usable(a)]
                if non_state:
                    found = [a for a in found if (x := kb.get(a)) is not None and x.type is not ActorType.state]
                return found
            # through 'of' only into a name ('Ministry of Defence of Russia'), not a common noun ('the
            # importance of Russian-US relations' names no actor)
            frontier = [c for t in frontier for c in t.children if c.dep_ in _PHRASE_DEPS | {"conj", "cc"}
                        and not (c.dep_ == "prep" and c.lower_ not in {"of", "from"})
                        and not (t.dep_ == "pobj" and t.pos_ == "NOUN" and t.i not in self.token_actor)]
        return []


_BACKING = frozenset({"backed", "supported", "sponsored", "funded", "armed", "aligned", "allied", "trained"})
# 'a Marshall Islands-flagged tanker': the state whose flag a ship flies is no party to what is done to the ship (a
# flag of registry, often of convenience; the annotators left such ships' acts without a target)
_FLAGGING = frozenset({"flagged", "registered"})


def _standing(noun: Any) -> bool:
    """A noun of stance said to be in a state by a copula's adjective: its subject ('our support ... is ironclad') or
    the object of a preposition under that adjective ('remains steadfast in its support of')."""
    copulas = {"be", "remain", "stay"}
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in copulas:
        return any(c.dep_ == "acomp" for c in noun.head.children)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        above = noun.head.head  # the adjective, or the copula the parse hangs the phrase on
        if above.pos_ == "ADJ":
            return above.dep_ == "acomp" and above.head.lemma_.lower() in copulas
        return above.lemma_.lower() in copulas and any(c.dep_ == "acomp" for c in above.children)
    return False


def _backer(token: Any) -> bool:
    """'Iran-backed', 'Iranian-supported': the token names who backs the head, not the head ('Panama-flagged': whose
    flag it flies)."""
    doc = token.doc
    while token.dep_ == "compound" and token.head.i == token.i + 1:  # 'Marshall Islands-flagged': the name's last word
        token = token.head
    return token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") \
        and doc[token.i + 2].lower_ in _BACKING | _FLAGGING


def _split_gerund_modifier(token: Any) -> Any:
    """The object of a preposition that ends just before a gerund the parse made an adverbial clause of its head
    ('in Israeli | shelling', 'in Russian tank | shelling'), or None."""
    if token.tag_ != "VBG" or token.dep_ != "advcl" or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.dep_ == "pobj" and before.head.dep_ == "prep" and before.head.head == token.head \
            and before.head.i < before.i:
        return before
    return None


def _possessor_controls(token: Any, nouns: set[str]) -> Any | None:
    """'Russia's decision to use', 'its attempt to seize': an infinitive hanging off a possessed noun of deciding or
    attempting (cues.yaml `possessor_control`) is done by the possessor, whether the parse hangs it as a clausal
    modifier or, 'to' and all, as a relative clause; the possessor token, else None."""
    if token.dep_ not in {"acl", "relcl"} or token.head.pos_ != "NOUN" or token.head.lemma_.lower() not in nouns or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    return next((c for c in token.head.children if c.dep_ == "poss"), None)


def _stranded_by_agents(noun: Any, predicates: dict[int, Any]) -> list[Any]:
    """The objects of 'by' phrases inside an event noun's phrase that the parser hung below it, nearest first: on its
    target ('attacks against communities by the RSF') or on an infinitive it governs ('threats to kidnap Britons by
    the regime'). A 'by' under another event noun is that noun's, under a passive or a participle it names the agent
    of that verb ('missiles supplied by Iran'), under a gerund a means ('by avoiding escalation')."""
    found = []
    for by in (t for t in noun.subtree if t.dep_ in {"prep", "agent"} and t.lower_ == "by" and t.head.i != noun.i):
        node, owned = by.head, True
        while node.i != noun.i:
            if node.tag_ in {"VBN", "VBG"} or any(c.dep_ in {"auxpass", "nsubjpass"} for c in node.children) \
                    or (node.i in predicates and node.pos_ in {"NOUN", "PROPN"}):
                owned = False
                break
            node = node.head
        if owned:
            found.extend(g for g in by.children if g.dep_ == "pobj")
    return sorted(found, key=lambda t: abs(t.i - noun.i))


def _verb_hung_by_agents(noun: Any, predicates: dict[int, Any]) -> list[Any]:
    """The objects of a 'by' phrase the parser hung on the active verb above an event noun ('condemn this morning's
    kidnapping of X, by Maduro's services'; 'released a statement following the kidnapping of X ... by Y's forces'),
    when the noun (or a conjunct of it) is the last event noun before the 'by'. An active verb takes no agent from
    'by'; a passive's 'by' is its own agent, a gerund's a means."""
    verb = noun
    while verb.head.i != verb.i and not (verb.pos_ in {"VERB", "AUX"} and not (verb.dep_ == "acl" and verb.tag_ == "VBG")):
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.tag_ in {"VBN", "VBG"} \
            or any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return []
    for by in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i):
        nouns = [t for t in verb.subtree if t.i < by.i and t.i in predicates and t.pos_ in {"NOUN", "PROPN"}]
        last = max(nouns, key=lambda t: t.i) if nouns else None
        while last is not None and last.dep_ == "conj" and last.head.pos_ in {"NOUN", "PROPN"}:
            last = last.head
        group = {last.i, *(c.i for c in last.conjuncts)} if last is not None else set()
        if noun.i in group:
            return [g for g in by.children if g.dep_ == "pobj"]
    return []


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _stranded_subject(token: Any, preps: dict[str, set[str]]) -> Any | None:
    """The subject the parser hung on a preposition before a subjectless adverbial verb, else None: a finite verb
    after a subordinator read as a preposition ('after the Coast Guard on 5 August used a water cannon': the object
    of 'after'), a gerund right after the object of a preposition that takes a clause ('in response to Russia using
    weapons', 'despite Iran firing missiles': the gerund's own subject). cues.yaml `stranded_subject_preps`."""
    if token.dep_ != "advcl":
        return None
    if token.tag_ in _FINITE:
        found = [g for p in token.head.children if p.dep_ == "prep" and p.i < token.i and p.lower_ in preps["finite"]
                 for g in p.children if g.dep_ == "pobj" and g.i < token.i]
        return found[-1] if found else None
    if token.tag_ == "VBG" and token.i > 0:
        before = token.doc[token.i - 1]
        if before.dep_ == "pobj" and before.head.lower_ in preps["gerund"] and before.head.i > token.head.i \
                and before.right_edge.i == token.i - 1:
            return before
    return None


def _conjuncts(token: Any) -> list[Any]:
    out = []
    for c in token.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)):
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def _of_possessors(head: Any) -> list[Any]:
    """The possessors one 'of' below a noun: 'our' in 'the closure of our consulate', '60 of our staff'."""
    return [c for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj" for c in g.children if c.dep_ == "poss"]


def _ancestors(token: Any):
    node = token
    while node.head.i != node.i:
        node = node.head
        yield node


def _depth(token: Any) -> int:
    return sum(1 for _ in _ancestors(token))


def _stray_infinitive(token: Any, governor: Any) -> Any | None:
    """'we encourage India and Pakistan to exercise restraint, and avoid escalation': a bare verb the parse coordinates with
    a finite verb, after that verb's own 'to' infinitive, is coordinated with the infinitive (a bare form cannot share the
    finite verb's tense); the infinitive, or None."""
    if token.dep_ != "conj" or token.tag_ != "VB" or token.head.i != governor.i or governor.tag_ not in _FINITE:
        return None
    if any(c.dep_ in _SUBJECTS | {"aux", "auxpass"} for c in token.children):
        return None
    return next((c for c in governor.children if c.dep_ == "xcomp" and c.tag_ == "VB" and governor.i < c.i < token.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _governor(token: Any, predicates: dict[int, Clause]) -> Any | None:
    for ancestor in _ancestors(token):
        if ancestor.i in predicates:
            return ancestor
    return None
