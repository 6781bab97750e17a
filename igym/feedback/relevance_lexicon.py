"""Words that mean the same thing in an interview answer: the synonym groups relevance matching reads.

Each line is one idea: ``heads | covering words``. A question's key term that is one of a group's heads
(after stemming) is covered by an answer that uses the term itself, any head or any covering word of that
group ("stakeholder" by "client", "head of
sales", "the VP"; "conflict" by "disagreed", "argument", "tension"). The groups follow the topics of the
question bank (behavioural competencies, HR screening, technical concepts) and ordinary English usage, not
any particular answer. Words are written plainly; `igym.feedback.relevance` stems them the same way it stems
the answer, so "decide", "decided" and "decision" meet. A phrase ("pushed back") stands for its words;
stopwords and the words most questions share ("work", "time") are left out of every group.
"""

from __future__ import annotations

GROUPS: tuple[str, ...] = (
    # people and relationships
    "stakeholder stakeholders | client customer manager boss director head vp executive sponsor partner owner "
    "business sales marketing finance legal board investor vendor supplier buyer department",
    "difficult tough challenging demanding | frustrated frustrating angry unhappy upset furious annoyed pushy "
    "unreasonable hostile blunt impatient defensive kept changing complained complaining",
    "manager boss supervisor | lead director head team lead superior line manager",
    "teammate colleague coworker peer | developer engineer analyst designer member junior senior new colleague "
    "new hire",
    "customer client user | buyer account consumer patient shopper",
    "senior leader executive leadership | director vp cto ceo head management founder",
    "junior | intern graduate new hire trainee apprentice less experienced",
    "important senior powerful | ceo cto vp director executive investor boss board founder head",
    # conflict, disagreement, persuasion
    "conflict disagreement tension dispute | disagreed argument argue argued clash fight friction split "
    "falling out row tense heated",
    "disagree disagreed pushed push | object objection pushed back challenge challenged not convinced didn't "
    "think didn't agree concern concerns oppose opposed",
    "persuade convince influence | convinced persuaded win over won over pitch case buy changed mind agreed",
    "agree agreement align | agreed consensus aligned compromise common ground settled",
    "resolve resolving resolved resolution | settle fix sort solve solved mediate mediated agreed compromise",
    "no refuse decline | declined refused turn down pushed back couldn't wouldn't told her told him",
    "request requests asked | ask asked wanted demand demanded wanted favour favor",
    "trust rebuild | credibility relationship repair apologise apologized apology honest",
    "competing conflicting | different priorities opposite clash wanted each",
    # failure, mistakes, learning
    "fail failed failure | mistake error wrong went wrong mess messed blunder regret late missed flop "
    "didn't work furious slipped",
    "mistake error | slip oversight blunder wrong bug broke broken outage incident rolled back apologised "
    "apologized my fault",
    "affect affected impact | impacted hurt users customers colleagues broke blocked delayed",
    "learn learned lesson | learnt lessons takeaway realised realized taught since now always next differently",
    "regret | wish undo differently mistake",
    "wrong mistaken | misjudged incorrect error change course reversed",
    "risk risky | gamble bet chance calculated uncertain",
    "problem problems issue issues | trouble broken broke downside drawback pitfall hard challenge risk",
    # decisions, information, judgement
    "decision decide decided choice | choose chose call judgement judgment option options trade tradeoff "
    "pick picked weigh",
    "information data facts | details evidence certainty uncertain uncertainty unknown unclear partial "
    "incomplete missing logs numbers knew",
    "data | metrics numbers analysis analytics dashboard evidence figures statistics measured logs usage",
    "quality speed | fast quick rush rushed corners thorough testing polish",
    "priority priorities | prioritise prioritize urgent important first order triage",
    "unethical risky ethical | compliance illegal unsafe safety report reported whistle",
    # change, process, improvement
    "improve improved improvement | better faster efficient streamline automate automated simplify "
    "simplified optimise optimize speed fix",
    "process workflow | procedure steps pipeline checklist routine practice system method",
    "change changes | changed reorganisation restructure reorg new transition shift adapt adapted pivot "
    "acquired merger",
    "adapt | adapted adjust adjusted flexible change new",
    "simplify simplified complicated | simpler complex complexity clean remove removed",
    "saved save | saving hours automate automated script tool",
    # deadlines, pressure, workload
    "deadline deadlines | due date schedule on time late delay delayed slip slipped timeline launch release",
    "missed | late behind slip slipped overdue delay delayed",
    "tight | rush urgent quickly fast days hours night",
    "juggle juggling tasks | multiple several many at once parallel competing balance workload priorities "
    "report backlog",
    "stress pressure | stressful calm intense overwhelmed overwhelming panic panicking busy crunch tense "
    "deadline",
    "calm | composed steady focused breathe panic panicking",
    "crisis | outage incident emergency disaster down failure",
    # growth, feedback, mentoring
    "mentor mentored coach coached | teach taught train trained pair paired guide guided support supported "
    "onboard",
    "helped help | support supported assist assisted sat showed",
    "struggling struggle | stuck behind difficulty trouble drowning late",
    "feedback criticism criticised criticized | critique review reviews comments input direct constructive "
    "praise told pointed suggested advice advised",
    "skill skills | learn learned course training study tutorial practice picked language tool technology",
    "learning learn | learned study studied course read reading practise practice picked class certification",
    "quickly | fast quick rapidly days weeks crash",
    "goal goals | target objective aim wanted decided reached achieve achieved milestone",
    "reached reach achieved | achieve managed hit made finally got",
    "ownership | own owned owning took responsible responsibility accountable stepped wasn't mine",
    "initiative | led drove drive organise organised started kicked authority",
    "authority | title official influence without",
    "proud | proudest pride achievement accomplishment success",
    "explain explained | explaining simple simply analogy imagine like think jargon understand",
    "performance | underperforming review feedback conversation",
    "news | tell told inform informed announce explain",
    "beyond | extra asked volunteered own initiative noticed",
    "different | background culture diverse diversity style opposite",
    "inherited | took over handed joined picked",
    "project projects | app product initiative migration launch programme",
    "plan | agreed settled roadmap timeline approach schedule",
    # HR screen
    "interested interest | excited motivated attracted appeal want looking opportunity",
    "role position | job opening opportunity title",
    "salary expectations compensation | pay package benefits money range thousand budget offer rate earn "
    "expectation",
    "career | future years grow growth path ambition aspire goal leading lead",
    "company | business organisation organization product products mission customers market founded "
    "started brand competitors industry",
    "available start | availability notice period join",
    "remote office hybrid | home onsite commute location",
    "relocate travel | relocation move moving city country",
    "strongest strength strengths | good skill",
    "weakness weaknesses improve | improving",
    "environment culture | atmosphere office remote support autonomy setting calm meetings",
    "managed manage | management style micromanage autonomy trusts trust one to one check",
    "leave leaving | left quit move moving stopped challenge opportunity outgrown grow growth",
    "motivates motivate motivation | drive drives energise enjoy passion satisfying proud seeing",
    "outside hobbies | hobby weekends free enjoy sport read family volunteer",
    "hire | hiring candidate bring offer value unique fit",
    "gap | break off career travel caring",
    "visa sponsorship | permit citizen",
    "overqualified | experience senior step",
    "value values | culture principle principles integrity",
    "policy | policies rule rules guideline",
    "questions | ask curious wonder",
    # technical
    "process thread threads | concurrency concurrent parallel memory share shared lock locks cpu",
    "caching cache | cached copy stale invalidation invalidate memory redis ttl expire",
    "passwords password | hash hashing hashed salt salted bcrypt argon2 scrypt encrypt credential",
    "bug bugs | crash crashes error errors defect issue fault debug debugging reproduce logs trace",
    "database | db sql nosql query queries table tables index schema postgres mysql mongo rows",
    "index | sorted lookup scan scanning rows table btree",
    "cost costs | slower storage overhead price expensive trade",
    "api | apis endpoint endpoints rest http request requests response client server interface program "
    "programs software",
    "tests test testing | unit integration automated coverage qa",
    "deploy deployment deployments | release releases ci cd pipeline rollout rollback downtime",
    "scale scaling | scalable horizontal vertical load traffic millions servers instances",
    "container containers kubernetes | docker pod pods vm virtual machine orchestration cluster kernel image",
    "security secure attacks | attack vulnerability injection auth authentication authorisation authorization",
    "design architecture | system component components service services monolith microservices",
    "slow performance | slower latency fast speed load profiling bottleneck",
    "memory leak | leaks heap garbage profiler",
    "readable code | readability clean naming review refactor refactoring",
    "git version | control branch commit merge pull request",
    "asynchronous synchronous async | await callback blocking event loop",
    "queue message | queues messages broker kafka rabbitmq worker workers consumer producer",
    "consistency | consistent eventual replication replica available availability partition",
    "transaction acid | transactions atomic isolation commit rollback",
    "retry | retries idempotent idempotency duplicate charge charged",
    "browser | dns tcp http request page url address load",
    "react | component components state render rendering props",
    "aws cloud | gcp azure managed service hosting",
    "rate limiter | limit throttle throttling requests per second token bucket",
    "search autocomplete | index suggestions prefix",
)
