"""Question and answer pairs labelled by hand as on topic (the answer addresses the question) or off topic.

Written as candidates answer: on-topic answers often paraphrase the question instead of repeating it (a
"difficult stakeholder" becomes "the head of sales who kept changing the requirements"), and off-topic ones
are mostly good answers to a *different* question — a real story about the wrong thing — plus a few that
wander into generalities. Labels say what an interviewer would judge, independent of any rule in the code.
"""

from __future__ import annotations

ON_TOPIC: tuple[tuple[str, str], ...] = (
    (
        "Tell me about a time you worked with a difficult stakeholder.",
        "The head of sales at my last company kept changing the requirements for our reporting dashboard every "
        "week. I set up a fortnightly review with him where he could see progress and argue about priorities "
        "in one place, and I wrote down every decision. After two months the changes slowed right down and he "
        "became one of the project's biggest supporters.",
    ),
    (
        "Tell me about a time you failed. What happened, and what did you learn?",
        "I once promised a client a data migration in three weeks without checking the state of their old "
        "system. It took seven, and they were furious. I learned to do a short discovery before I commit to a "
        "date, and I now always give a range instead of a single number.",
    ),
    (
        "Describe a conflict within your team and the role you played in resolving it.",
        "Two of our developers disagreed loudly about whether to rewrite the billing service. The arguments "
        "were starting to split the team. I got them in a room, asked each to write down what they were "
        "afraid of, and we agreed on a small experiment that tested both ideas. The tension went away once "
        "there was data.",
    ),
    (
        "Tell me about a time you had to make a decision without all the information you wanted.",
        "During an outage we did not know whether the database or the network was at fault, and waiting for "
        "certainty would have cost us hours. I chose to fail over to the standby region based on the partial "
        "logs we had, and told the team what would make me reverse it. It was the right call.",
    ),
    (
        "Tell me about a time you improved a process or the way your team worked.",
        "Our releases needed a whole afternoon of manual checks. I wrote a checklist, automated the four slowest "
        "steps with a script, and moved the rest into the pipeline. Releasing went from half a day to about "
        "twenty minutes.",
    ),
    (
        "Describe a time you missed a deadline. What happened?",
        "We were supposed to deliver the mobile app for a trade show and we were late by a week. I had "
        "underestimated the app store review. I told the client as soon as I knew, we demoed a test build at "
        "the show, and since then I plan in a buffer for external approvals.",
    ),
    (
        "Tell me about a time you mentored or coached someone.",
        "A junior analyst on my team was struggling with SQL. I paired with her twice a week for a month, gave "
        "her real queries from our backlog, and reviewed them with her. By the end she was writing the weekly "
        "reports on her own and helping others.",
    ),
    (
        "Tell me about a time you had to deliver bad news to a customer or a stakeholder.",
        "I had to tell our biggest client that the feature they paid for would slip by a quarter. I called "
        "them before they heard it elsewhere, explained exactly why, and brought a plan with an interim "
        "workaround. They were unhappy but they stayed with us.",
    ),
    (
        "Tell me about a time you had to learn a new skill quickly for your work.",
        "When our only designer left, I had two weeks to pick up Figma well enough to ship the next release. I "
        "did a short course in the evenings, copied patterns from our existing screens and asked a friend who "
        "is a designer to review my work.",
    ),
    (
        "Tell me about a time you disagreed with your manager. How did you handle it?",
        "My boss wanted to skip load testing to hit a launch date. I didn't think that was safe, so I showed him "
        "last year's incident report and proposed a one-day test instead of a week. He agreed, and the test "
        "caught a bug that would have taken the site down.",
    ),
    (
        "Why are you interested in this role?",
        "I have spent five years building internal tools and I want to work on a product that customers use "
        "directly. Your team ships often, and the position combines the backend work I am good at with more "
        "contact with users, which is what I am looking for next.",
    ),
    (
        "What are your salary expectations for this role?",
        "Based on what I have seen for similar positions in this city and on my experience, I am looking for "
        "something between eighty and ninety thousand, but I am flexible depending on the benefits and the "
        "overall package.",
    ),
    (
        "Where do you see your career in three to five years?",
        "In a few years I would like to be leading a small engineering team, still close to the code. I want to "
        "grow into mentoring people and owning the technical direction of a product area.",
    ),
    (
        "How do you handle stress and pressure at work?",
        "When things get intense I write everything down and pick the one thing that matters most today. I also "
        "protect my sleep. During our last launch week that kept me calm while the pressure on the team was at "
        "its highest.",
    ),
    (
        "What is the difference between a process and a thread?",
        "A process has its own memory space and resources, while threads live inside a process and share its "
        "memory. That makes threads cheaper to create and to switch between, but it also means they can "
        "corrupt shared data unless you use locks.",
    ),
    (
        "What is caching, and what problems can it introduce?",
        "Caching keeps a copy of data that is expensive to compute or fetch somewhere faster, like memory. The "
        "hard part is invalidation: you can serve stale results, and if many requests miss at the same time "
        "they can overload the database behind it.",
    ),
    (
        "How would you store user passwords securely?",
        "I would never store them in plain text or with a fast hash. I would use a slow, salted algorithm like "
        "argon2 or bcrypt, tune the cost factor for our hardware, and make sure the hashes are never logged.",
    ),
    (
        "Tell me about a bug that took you a long time to find. How did you finally track it down?",
        "We had a crash that only happened on Fridays in production. After a week of staring at logs I noticed "
        "it lined up with the weekly export job. It turned out two jobs wrote to the same temporary file. I "
        "reproduced it locally by running them together and fixed it with unique file names.",
    ),
    (
        "Tell me about a time you stayed calm under pressure.",
        "Ten minutes before a board demo, the staging server died. Instead of panicking I switched to the "
        "recorded walkthrough we had as a backup and kept talking while a colleague restored the server. The "
        "board never noticed anything was wrong.",
    ),
    (
        "Describe a time you had to persuade someone who didn't agree with you.",
        "Our product owner didn't want to spend a sprint on accessibility. I convinced her by running a session "
        "where she tried our app with a screen reader, and by showing the legal requirements for our public "
        "sector customers. She changed her mind and we scheduled the work.",
    ),
    (
        "What do you know about our company so far?",
        "I know you build scheduling software for clinics, that you started in Denmark and expanded to the UK "
        "last year, and that your main product was rebuilt recently. I also read your engineering blog post "
        "about moving to event sourcing.",
    ),
    (
        "Tell me about a time you took ownership of a problem that wasn't strictly yours.",
        "Our shared test environment was broken for days and every team assumed someone else would fix it. I "
        "wasn't responsible for it, but I took it on, found the expired certificate, renewed it, and set up an "
        "alert so it wouldn't happen again.",
    ),
    (
        "How do you prefer to receive feedback, and how do you respond to criticism?",
        "I like feedback to be direct and soon after the event, ideally one to one. When someone criticises my "
        "work, I try to ask questions first rather than defend it, and then I decide what to change and tell "
        "them what I did.",
    ),
    (
        "Tell me about a time you had to juggle several tasks that were all due at the same time.",
        "In one week I had a client report, a code review backlog and an on-call shift all landing at once. I "
        "listed everything with its real deadline, pushed back on one item that could wait, and blocked time "
        "each morning for the report. Everything was done on time.",
    ),
    (
        "Tell me about a time you had to adapt to a big change at work.",
        'When our company was acquired, our whole tooling and reporting line changed overnight. I volunteered'
        " to map our old workflows to the new parent's systems and ran short sessions to get my team "
        'comfortable. Within a quarter we were working normally again.',
    ),
    (
        "Describe a time you went beyond what was asked of you.",
        'I was only asked to fix one report, but I noticed the same error in six others, so I stayed late '
        'that week and rewrote the shared query they all used, and documented it for the team.',
    ),
    (
        "What kind of work environment helps you do your best work?",
        'I do my best in a calm setting with clear goals and a lot of autonomy, where people give honest '
        'feedback and I can focus for long stretches without constant meetings.',
    ),
    (
        "How would you explain what an API is to someone who isn't technical?",
        "I'd say it's like a waiter in a restaurant: you don't go into the kitchen, you tell the waiter what "
        'you want and they bring it back. Programs use it to ask another program for data or actions.',
    ),
    (
        "Tell me about a time you received useful feedback. What did you do with it?",
        'My lead told me my pull requests were too big to review. I started splitting them into small pieces '
        'with a clear description, and reviews came back in hours instead of days.',
    ),
    (
        "When would you be available to start?",
        'My notice period is one month, so I could join at the start of March, or a little earlier if my '
        'current employer agrees.',
    ),
    (
        "What is a container, and how is it different from a virtual machine?",
        "A container packages an application with its libraries and shares the host's kernel, so it starts in"
        ' seconds and is light. A VM emulates a whole machine with its own operating system, which is heavier'
        ' but more isolated.',
    ),
    (
        "Tell me about a time you helped a teammate who was struggling.",
        'A new colleague was drowning in support tickets in her first month. I sat with her each afternoon '
        'for a week, showed her the shortcuts and the saved replies, and took the hardest tickets myself '
        'until she was confident.',
    ),
    (
        "Tell me about a time you made a mistake that affected other people.",
        'I deployed a config change on a Friday that broke logins for our mobile users for two hours. I '
        'rolled it back, wrote the incident report, apologised to the support team who took the calls, and '
        'added a check to the pipeline.',
    ),
    (
        "Why are you looking to leave your current job?",
        "I've learned a lot there, but the company has stopped investing in new products and I want to build "
        'things again, which this role offers.',
    ),
    (
        "Describe a time you used data to change someone's mind.",
        'Our director was sure customers wanted more features. I pulled the support logs and usage numbers '
        'and showed that most complaints were about speed. She changed the roadmap to focus on performance.',
    ),
    (
        "Tell me about a goal you set for yourself at work and how you reached it.",
        'Last January I decided I wanted to give a talk at a conference. I wrote one blog post a month to '
        'find my topic, practised at two internal meetups, and in October I spoke at a regional Python '
        'conference.',
    ),
    (
        "Describe a time you had to get two teams with competing goals to agree on a plan.",
        'Marketing wanted a big launch in May and the platform team wanted to freeze changes until the '
        'migration was done. I got both leads together, laid out what each date would cost, and we settled on'
        ' a soft launch to a small region in May with the full launch after the freeze.',
    ),
    (
        "What motivates you to do your best work?",
        'Seeing real people use what I built. When a support agent told me my tool saved her an hour a day, '
        'that stuck with me more than any bonus.',
    ),
    (
        "How do you like to be managed?",
        'I work best with a manager who sets clear outcomes and then trusts me with the how, with a short '
        'weekly one to one to unblock things.',
    ),
    (
        "What does an index do in a database, and what does it cost?",
        'An index is a sorted structure that lets the database find rows without scanning the whole table, so'
        ' reads get much faster. The cost is extra storage and slower writes, because every insert has to '
        'update the index too.',
    ),
    (
        "Tell me about a time you inherited a struggling project. What did you do in the first two weeks?",
        'I took over a mobile app that was three months late and had no tests. In the first two weeks I '
        'interviewed everyone on it, cut the scope to the features customers had paid for, and set up a daily'
        ' fifteen minute check in.',
    ),
    (
        "Tell me about a time you said no to a request from someone important. How did you say it?",
        'Our CEO asked me to add a custom report for one investor the night before a release. I told her I '
        "couldn't do it safely that night, explained what it would put at risk, and offered to deliver it two"
        ' days later. She was fine with that.',
    ),
    (
        "What have you been learning lately, in or outside of work?",
        "I've been studying for a cloud certification in the evenings, and outside of work I'm learning "
        'Spanish with an app and a weekly conversation class.',
    ),
    (
        "Tell me about a project you're proud of and the part you personally played in it.",
        'I rebuilt the checkout for a small online shop on my own over three months. I designed the flow, '
        'wrote the payment integration and ran the user tests. It is still the thing I point people to when '
        'they ask what I can do.',
    ),
    (
        "Describe a time you learned something important from someone more junior than you.",
        'An intern on my team showed me how she used the debugger instead of print statements. I had been '
        'doing it the slow way for years. I asked her to run a short session for the whole team.',
    ),
    (
        "What would you say you are strongest at, professionally?",
        "I'm best at turning a vague request into a concrete plan. People bring me messy problems and I come "
        'back with the options, the costs and a recommendation.',
    ),
    (
        "How would you make an operation like charging a customer's card safe to retry?",
        "I'd give every charge an idempotency key that the client sends with the request. The server stores "
        'the key with the result, so a retried request returns the first result instead of charging twice.',
    ),
    (
        "Tell me about a time you had to deliver something on a very tight deadline.",
        'A client moved their launch forward by ten days and needed the integration with it. I cut everything'
        " that wasn't essential, worked in short daily milestones with their developer and we went live on "
        'the new date.',
    ),
    (
        "What is the difference between authentication and authorisation?",
        'Authentication checks who you are, for example with a password or a token. Authorisation decides '
        'what you are allowed to do once we know who you are, like whether you can delete a record.',
    ),
    (
        "Tell me about a time you simplified something that had become too complicated.",
        'Our deployment had grown into eleven scripts that only one person understood. I mapped what each '
        'did, merged them into one pipeline with three stages and deleted the rest. New people could deploy '
        'on their first day.',
    ),
    (
        "Are you open to working in the office, remotely, or a mix of both?",
        "A mix suits me best. I'm happy to be in two or three days a week for planning and pairing and work "
        'from home for the focused parts.',
    ),
    (
        "Tell me about a time you worked closely with someone very different from you.",
        'I was paired with a sales engineer who loved improvising while I like detailed plans. At first our '
        'demos were chaotic. We agreed that I would build the script and she would own the live part, and our'
        ' demos became the best in the region.',
    ),
    (
        "What does a good team culture look like to you?",
        'People say when they are stuck, reviews are kind but honest, and nobody is blamed for an outage. The'
        ' goal is shared and everyone knows what the others are working on.',
    ),
    (
        "How would you find and fix a memory leak in a long running service?",
        "First I'd confirm it with the memory graphs over a few days. Then I'd take heap snapshots an hour "
        'apart and compare which objects keep growing, find the code that holds references to them, fix it '
        'and watch the graph flatten.',
    ),
    (
        "Describe a time your work was criticised in front of others. How did you respond in the moment?",
        'In a design review a principal engineer said my proposal ignored failover. I thanked him, admitted I'
        ' had not covered it, and asked if we could take it offline. I came back two days later with a '
        'revised design.',
    ),
    (
        "Why should we hire you over the other candidates?",
        "I've done this exact job at a company your size, I've already built the kind of data pipeline you're"
        " hiring for, and I learn fast when I don't know something.",
    ),
    (
        "Tell me about a time you took a calculated risk that didn't pay off.",
        'I bet on a new framework for a client project because it promised faster development. Halfway '
        'through we hit bugs nobody had solved yet and lost three weeks. Now I only adopt new tools on '
        'internal projects first.',
    ),
)

OFF_TOPIC: tuple[tuple[str, str], ...] = (
    (
        "Tell me about a time you worked with a difficult stakeholder.",
        "Our releases needed a whole afternoon of manual checks. I wrote a checklist, automated the four slowest "
        "steps with a script, and moved the rest into the pipeline. Releasing went from half a day to about "
        "twenty minutes.",
    ),
    (
        "Tell me about a time you failed. What happened, and what did you learn?",
        "A junior analyst on my team was struggling with SQL. I paired with her twice a week for a month, gave "
        "her real queries from our backlog, and reviewed them with her. By the end she was writing the weekly "
        "reports on her own and helping others.",
    ),
    (
        "Describe a conflict within your team and the role you played in resolving it.",
        "When our only designer left, I had two weeks to pick up Figma well enough to ship the next release. I "
        "did a short course in the evenings, copied patterns from our existing screens and asked a friend who "
        "is a designer to review my work.",
    ),
    (
        "Tell me about a time you had to make a decision without all the information you wanted.",
        "Honestly I mostly like working on the frontend, with React and TypeScript, and I enjoy pairing with "
        "designers and reading about new CSS features on the weekends.",
    ),
    (
        "Tell me about a time you improved a process or the way your team worked.",
        "I would like to be leading a small engineering team in a few years, still close to the code, and "
        "mentoring people.",
    ),
    (
        "Describe a time you missed a deadline. What happened?",
        "A process has its own memory space and resources, while threads live inside a process and share its "
        "memory, so threads are cheaper but need locks around shared data.",
    ),
    (
        "Tell me about a time you mentored or coached someone.",
        "Ten minutes before a board demo, the staging server died. Instead of panicking I switched to the "
        "recorded walkthrough we had as a backup and kept talking while a colleague restored the server.",
    ),
    (
        "Tell me about a time you had to deliver bad news to a customer or a stakeholder.",
        "We had a crash that only happened on Fridays in production. After a week of staring at logs I noticed "
        "it lined up with the weekly export job, reproduced it locally and fixed it with unique file names.",
    ),
    (
        "Tell me about a time you had to learn a new skill quickly for your work.",
        "Based on what I have seen for similar positions in this city, I am looking for something between "
        "eighty and ninety thousand, but I am flexible depending on the benefits.",
    ),
    (
        "Tell me about a time you disagreed with your manager. How did you handle it?",
        "In one week I had a client report, a code review backlog and an on-call shift all landing at once. I "
        "listed everything with its real deadline and blocked time each morning for the report.",
    ),
    (
        "Why are you interested in this role?",
        "Two of our developers disagreed loudly about whether to rewrite the billing service. I got them in a "
        "room, asked each to write down what they were afraid of, and we agreed on a small experiment.",
    ),
    (
        "What are your salary expectations for this role?",
        "I know you build scheduling software for clinics, that you started in Denmark and expanded to the UK "
        "last year, and I read your engineering blog post about event sourcing.",
    ),
    (
        "Where do you see your career in three to five years?",
        "I would never store passwords in plain text. I would use a slow, salted algorithm like argon2 or bcrypt "
        "and tune the cost factor for our hardware.",
    ),
    (
        "How do you handle stress and pressure at work?",
        "Our product owner didn't want to spend a sprint on accessibility. I ran a session where she tried our "
        "app with a screen reader and showed her the legal requirements for public sector customers.",
    ),
    (
        "What is the difference between a process and a thread?",
        "I like feedback to be direct and soon after the event, ideally one to one, and I try to ask questions "
        "before I defend my work.",
    ),
    (
        "What is caching, and what problems can it introduce?",
        "My boss wanted to skip load testing to hit a launch date. I showed him last year's incident report and "
        "proposed a one-day test instead of a week, and he agreed.",
    ),
    (
        "How would you store user passwords securely?",
        "I have spent five years building internal tools and I want to work on a product that customers use "
        "directly, with more contact with users.",
    ),
    (
        "Tell me about a bug that took you a long time to find. How did you finally track it down?",
        "I once promised a client a data migration in three weeks without checking their old system. It took "
        "seven, and I learned to do a short discovery before I commit to a date.",
    ),
    (
        "Tell me about a time you stayed calm under pressure.",
        "Caching keeps a copy of expensive data somewhere faster, like memory, and the hard part is invalidation "
        "because you can serve stale results.",
    ),
    (
        "Describe a time you had to persuade someone who didn't agree with you.",
        "Our shared test environment was broken for days. I found the expired certificate, renewed it, and set "
        "up an alert so it wouldn't happen again.",
    ),
    (
        "What do you know about our company so far?",
        "I think the most important thing in any job is to be honest and work hard, and I always try to be a "
        "good team player and keep a positive attitude.",
    ),
    (
        "Tell me about a time you took ownership of a problem that wasn't strictly yours.",
        "When things get intense I write everything down and pick the one thing that matters most today, and I "
        "protect my sleep.",
    ),
    (
        "How do you prefer to receive feedback, and how do you respond to criticism?",
        "During an outage we did not know whether the database or the network was at fault. I chose to fail "
        "over to the standby region based on the partial logs we had.",
    ),
    (
        "Tell me about a time you had to juggle several tasks that were all due at the same time.",
        "I had to tell our biggest client that the feature they paid for would slip by a quarter. I called them "
        "before they heard it elsewhere and brought a plan with an interim workaround.",
    ),
    (
        "Tell me about a time you had to adapt to a big change at work.",
        "I use Python mostly, with some Go, and I like writing small command line tools for my own use.",
    ),
    (
        "Describe a time you went beyond what was asked of you.",
        'My manager and I disagreed about the release date, so I showed her the test results and we moved it '
        'by a week.',
    ),
    (
        "What kind of work environment helps you do your best work?",
        "Last year we had an outage in the payments system and I led the incident call until we restored service.",
    ),
    (
        "How would you explain what an API is to someone who isn't technical?",
        "I would say my biggest weakness is that I take on too much myself instead of delegating.",
    ),
    (
        "Tell me about a time you received useful feedback. What did you do with it?",
        "We migrated our servers to containers and set up autoscaling, which cut our hosting bill a lot.",
    ),
    (
        "When would you be available to start?",
        "I enjoy climbing and cooking, and I volunteer at a coding club for teenagers on Saturdays.",
    ),
    (
        "What is a container, and how is it different from a virtual machine?",
        "I'd look for someone who communicates clearly, owns their mistakes and helps the people around them.",
    ),
    (
        "Tell me about a time you helped a teammate who was struggling.",
        "I chose our database based on the read patterns we expected, and we went with Postgres over Mongo.",
    ),
    (
        "Tell me about a time you made a mistake that affected other people.",
        "I'm looking for a role where I can grow into leading a team and work on products used by millions.",
    ),
    (
        "Why are you looking to leave your current job?",
        "A hash function maps any input to a fixed size output, and for passwords you want a slow one with a salt.",
    ),
    (
        "Describe a time you used data to change someone's mind.",
        "I organised the team offsite and booked the venue and the activities for thirty people.",
    ),
    (
        "Tell me about a goal you set for yourself at work and how you reached it.",
        "The worst outage I saw was a DNS misconfiguration that took our site offline for an hour.",
    ),
    (
        "Describe a time you had to get two teams with competing goals to agree on a plan.",
        "I taught myself Rust over a summer by rewriting a small command line tool I used every day.",
    ),
    (
        "What motivates you to do your best work?",
        "We used a queue between the web servers and the workers so that spikes in traffic didn't drop orders.",
    ),
    (
        "How do you like to be managed?",
        "I'd use an index on the email column, because every login looks users up by email.",
    ),
    (
        "What does an index do in a database, and what does it cost?",
        "I'm someone who stays calm when things go wrong, and I like to keep a sense of humour with the team.",
    ),
    (
        "Tell me about a time you inherited a struggling project. What did you do in the first two weeks?",
        "My expectation is around seventy thousand plus the usual benefits.",
    ),
    (
        "Tell me about a time you said no to a request from someone important. How did you say it?",
        "We moved from a monolith to three services over a year, starting with billing.",
    ),
    (
        "What have you been learning lately, in or outside of work?",
        "In my last role I was responsible for the checkout page and its payment integrations.",
    ),
    (
        "Tell me about a project you're proud of and the part you personally played in it.",
        "I normally ask for feedback in writing so I can think about it before I reply.",
    ),
    (
        "Describe a time you learned something important from someone more junior than you.",
        "My notice period is two months and I'd like to take a week off between jobs.",
    ),
    (
        "What would you say you are strongest at, professionally?",
        "The dashboard went down during the quarterly review and I had to restart the service in front of everyone.",
    ),
    (
        "How would you make an operation like charging a customer's card safe to retry?",
        "I'd start by asking the team what slows them down and then pick one thing to fix each sprint.",
    ),
    (
        "Tell me about a time you had to deliver something on a very tight deadline.",
        'I prefer a hybrid setup, two or three days in the office, because I like meeting people but focus '
        'better at home.',
    ),
    (
        "What is the difference between authentication and authorisation?",
        "I once had to tell a client their project would be late, and I called them the moment I knew.",
    ),
    (
        "Tell me about a time you simplified something that had become too complicated.",
        "My manager describes me as reliable and a bit too quiet in big meetings.",
    ),
    (
        "Are you open to working in the office, remotely, or a mix of both?",
        "I handled a migration of our user database to a new cluster without downtime.",
    ),
    (
        "Tell me about a time you worked closely with someone very different from you.",
        "I'd put a load balancer in front of two app servers and keep sessions in Redis so either server can answer.",
    ),
    (
        "What does a good team culture look like to you?",
        "I was late on the reporting project because the data source changed, and I told my manager a week in advance.",
    ),
    (
        "How would you find and fix a memory leak in a long running service?",
        "My biggest strength is that I stay calm and keep people talking when a project gets tense.",
    ),
    (
        "Describe a time your work was criticised in front of others. How did you respond in the moment?",
        "I chose Go for the new service because the team knew it and it compiles to a single binary.",
    ),
    (
        "Why should we hire you over the other candidates?",
        "We had a flaky test suite and I spent a week finding the tests that shared state.",
    ),
    (
        "Tell me about a time you took a calculated risk that didn't pay off.",
        "I'd explain eventual consistency as a shared document that everyone edits offline and that syncs later.",
    ),
)
