"""Labelled sentences for the filler rules: a filler is wrapped in braces, "{um}," or "{you know}".

Written the way transcribers punctuate speech (Whisper with a disfluent prompt, Groq), plus a few typed
answers without commas. Every counter-example of issue 3 appears at least twice, in different company.
"""

LABELLED = [
    # hesitation sounds in many spellings
    "{Um}, I think the main issue was communication.",
    "{Ummm}, let me think about that for a second.",
    "So {uh}, we started by mapping the whole process.",
    "{Uhh}, I'm not sure that's the right word.",
    "It was {er}, a difficult quarter for everyone.",
    "{Erm}, the deadline moved twice that month.",
    "{Ah}, right, the migration project.",
    "{Hmm}, that's a good question.",
    "{Mm}, I would say the second option.",
    "{Mmm}, okay, so the context was a merger.",
    "{Uhm}, we had three weeks left.",
    "We shipped it {um} two days later.",
    "{Hmmm}. {Uh}, {um}, yes.",
    # like as a discourse filler
    "It was, {like}, the hardest bug I have ever seen.",
    "{Like}, I didn't expect the client to call.",
    "And {like}, we just kept going.",
    "we were {like} really behind on everything",
    "The room was, {like} totally silent after that.",
    "So {like}, {um}, I reached out to my manager.",
    "I told her, {like}, we need another week.",
    "it was {like}, a mess honestly",
    "They were, {like}, five hours late.",
    # like as content (verb, comparison, approximation, conjunction, preposition)
    "I like working with designers early.",
    "We really like the new process.",
    "I don't like leaving things unfinished.",
    "It looks like the cache was the problem.",
    "That sounds like a plan we could test.",
    "It felt like we were finally moving.",
    "It took something like five iterations.",
    "We needed things like dashboards and alerts.",
    "I would like to lead a team again.",
    "I'd like to add one more point.",
    "Like I said, the test suite was flaky.",
    "Like we discussed earlier, the budget was tight.",
    "We used tools like Jira and Confluence.",
    "She was a mentor like no other.",
    "Nobody likes a surprise like that.",
    "It was like a puzzle with missing pieces.",
    # you know as a filler
    "It was, {you know}, a tough call.",
    "{You know}, I never thought about it that way.",
    "We had to move fast, {you know}?",
    "And {you know} we just shipped it anyway.",
    "The team was tired, {you know}.",
    "So {you know}, {um}, that was the plan.",
    # you know as content
    "Do you know what the root cause was?",
    "You know how to reach the on-call engineer?",
    "If you know the codebase, it is easier.",
    "As you know, we were short on people.",
    "Did you know the client had a second vendor?",
    "You know the answer better than I do.",
    "Do you know where the logs were stored?",
    # I mean as a filler
    "{I mean}, it worked in the end.",
    "It was fine, {I mean}, mostly fine.",
    "{I mean} we could have tested more.",
    "The launch slipped, but {I mean}, that happens.",
    # I mean as content
    "What I mean is that we lacked ownership.",
    "I mean it when I say I enjoyed that project.",
    "That is not what I mean.",
    "I mean to finish the certification this year.",
    "I mean that as a compliment to the team.",
    "You know what I mean?",
    # mixed, and sentences with no fillers at all
    "{Um}, {like}, I guess we could say, {you know}, it went okay.",
    "The results were good and I would like to repeat that approach.",
    "I led the rollout and cut the error rate by half.",
    "My manager asked me to take ownership of the release.",
    "Honestly the hardest part was saying no to people I like.",
    "{Uh}, something like ten percent, {I mean}, roughly.",
    "It seems like they knew, {like}, everything already.",
]
