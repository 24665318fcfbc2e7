import type { Author, Comment, SeedPoll, Viewer } from '../src/index.js';

/**
 * The demo's invented community: an article on living with type 2 diabetes, fifteen readers who
 * commented over eight years, and the article's author, who also moderates the discussion. All
 * dates are relative to now, so the thread always spans eight years up to a few minutes ago.
 */

export const THREAD = 'living-well-type-2-diabetes';
export const POLL = 'living-well-type-2-diabetes-poll';
/** A thread nobody has commented on yet (a new article's), for the empty state. */
export const EMPTY_THREAD = 'living-well-type-2-diabetes-follow-up';
/** A poll that closed a month ago, for the closed state with its final results. */
export const CLOSED_POLL = 'living-well-type-2-diabetes-closed-poll';

const MINUTE = 60_000;
/** Where the demo page is served (`npm start`), for seeding from Node, where there is no `location`. */
export const DEMO_ORIGIN = 'http://127.0.0.1:5173';
/** Avatars are absolute URLs: the widgets show only http(s) ones. */
const avatar = (name: string) => new URL(`/avatars/${name}.svg`, globalThis.location?.href ?? DEMO_ORIGIN).href;
const DAY = 24 * 60 * MINUTE;

/** Amara Okafor wrote the article and moderates its comments: both badges. */
export const amara: Author = {
  id: 'amara-okafor',
  name: 'Dr. Amara Okafor',
  avatarUrl: avatar('amara'),
  url: 'https://example.org/team/amara-okafor',
  roles: ['moderator', 'author'],
};

const reader = (id: string, name: string, extra: Partial<Author> = {}): Author => ({ id, name, roles: [], ...extra });

const marguerite = reader('marguerite', 'Marguerite Holloway', { avatarUrl: avatar('marguerite') });
const tomasz = reader('tomasz', 'Tomasz Wiśniewski');
const priya = reader('priya', 'Priya Raman', { avatarUrl: avatar('priya') });
const jonah = reader('jonah', 'Jonah Feld', { url: 'https://example.org/jonah-walks' });
const lucia = reader('lucia', 'Lucía Ortega');
const kwame = reader('kwame', 'Kwame Mensah');
const ingrid = reader('ingrid', 'Ingrid Solberg');
const dan = reader('dan', 'Dan Whitaker');
const meiling = reader('meiling', 'Mei-Ling Chou', { avatarUrl: avatar('meiling') });
const rafael = reader('rafael', 'Rafael Duarte');
const hannah = reader('hannah', 'Hannah Lindqvist');
const seun = reader('seun', 'Oluwaseun Adeyemi');
const bea = reader('bea', 'Bea Kowalczyk');
const ezra = reader('ezra', 'Ezra Goldstein');
const fatima = reader('fatima', 'Fatima Zahra El Idrissi');

/** Everyone who commented, for "a new comment from someone else". */
export const commenters = [marguerite, tomasz, priya, jonah, lucia, kwame, ingrid, dan, meiling, rafael, hannah, seun, bea, ezra, fatima];

type Seed = [id: string, parent: string | null, author: Author, minutesAgo: number, body: string, likes?: number, extra?: { deleted?: true; editedMinutesAgo?: number }];

const days = (n: number) => n * DAY / MINUTE;

const seeds: Seed[] = [
  ['c01', null, marguerite, days(2921), `I was diagnosed in the spring and honestly thought my life as I knew it was over. This article was the first thing I read that didn't make me feel like a failure.

The bit about "small changes that add up" is what I am holding on to.`, 48],
  ['c02', 'c01', amara, days(2920), `Marguerite, thank you for writing this. A diagnosis is a lot to take in, and the first months are the hardest. You are not a failure: you are learning a new skill, and skills take practice.`, 31],
  ['c03', 'c02', marguerite, days(2918), 'Thank you, Dr. Okafor. I will come back and report how the first year goes.', 12],
  ['c04', 'c03', tomasz, days(2502), `Marguerite, did you ever come back? I'm in my first year now and the walking after dinner is the only habit that has stuck.`, 9],
  ['c05', 'c04', priya, days(2401), 'Tomasz, same for me. Ten minutes after every meal, even in the rain. My readings after dinner dropped noticeably within a month.', 15],
  ['c06', 'c05', amara, days(2400), `Priya, Tomasz: that matches what the studies show. Even a short walk after a meal helps your muscles take up glucose. Keep going, and tell your care team, they like good news too.`, 22],
  ['c07', 'c06', marguerite, days(700), `I'm still here! Six years in now. Walking, yes, and I finally learned to cook lentils properly.`, 27],
  ['c08', null, jonah, days(2100), 'Question for the community: how soon after eating do you walk? Straight away, or after a while?', 19],
  ['c09', 'c08', lucia, days(2099), 'I go about fifteen minutes after I finish. Straight away gives me a stitch.', 6],
  ['c10', 'c08', amara, days(2098), `Jonah, anything from right after the meal to about half an hour later is fine. Choose what you can keep doing. There is a good overview here: https://example.org/guides/walking-after-meals

And please check with your doctor first if you take insulin or a sulfonylurea.`, 41],
  ['c11', 'c10', jonah, days(2090), 'Thank you! Starting tonight.', 3],
  ['c12', null, kwame, days(1802), '', 0, { deleted: true }],
  ['c13', 'c12', ingrid, days(1799), `Whatever was said above, I just want to add: please don't compare your numbers with anyone else's here. Everyone's body is different.`, 17],
  ['c14', null, dan, days(1400), `Swapped my afternoon soda for sparkling water with lime. Three weeks in and I don't miss it. Who knew.`, 25, { editedMinutesAgo: days(1399) }],
  ['c15', 'c14', meiling, days(1390), 'Dan, I did the same with sweet tea. The first week was rough!', 8],
  ['c16', 'c15', rafael, days(1380), 'The first week is always the worst. After that your taste buds change, I promise.', 5],
  ['c17', null, hannah, days(901), `Two things I wish I had known at the start:

1. Your numbers will go up and down for reasons that have nothing to do with you. Stress, sleep, a cold.
2. It is fine to ask for help. I asked for a referral to a dietitian in year three and wish I had done it in year one.`, 56],
  ['c18', 'c17', amara, days(900), 'Hannah, this is wise. Thank you for sharing it.', 14],
  ['c19', null, seun, days(402), `Does anyone else find the evenings hardest? Mornings are fine, but by 9 pm I'm raiding the cupboard.`, 11],
  ['c20', 'c19', bea, days(380), 'Every evening! I started brushing my teeth right after dinner, which oddly works.', 9],
  ['c21', 'c20', ezra, days(370), 'Bea, that is genius and I hate that it works.', 13],
  ['c22', 'c21', seun, days(360), 'Trying this tonight. Report to follow.', 4],
  ['c23', 'c22', seun, days(355), 'Report: it works. Five nights out of seven.', 10],
  ['c24', null, fatima, days(61), `I read this article in Arabic through the translate button and it still made sense. Thank you for writing so plainly.`, 21],
  ['c25', 'c24', amara, days(60), 'Fatima, that means a lot. Plain language is the whole point. We are working on proper translations.', 12],
  ['c26', null, priya, days(7), `Coming back after all these years to say: HbA1c in the normal range for the first time since diagnosis. Small changes really do add up.`, 38],
  ['c27', 'c26', amara, days(6.9), 'Priya! Congratulations. That is years of small, steady work.', 19],
  ['c28', null, tomasz, 150, 'Is there an update planned for the new guidelines from this year?', 2],
  ['c29', 'c28', amara, 95, 'Tomasz, yes: I am revising the section on medication next month. I will post here when it is live.', 4],
  ['c30', null, ezra, 12, 'First time commenting. This thread is kinder than most of the internet.', 1],
];

/** The thread, built fresh each time so that dates are relative to now. */
export function seedComments(now = Date.now()): Comment[] {
  const ago = (minutes: number) => new Date(now - minutes * MINUTE).toISOString();
  return seeds.map(([id, parentId, author, minutesAgo, body, likes = 0, extra = {}]) => ({
    id,
    threadId: THREAD,
    parentId,
    author,
    body,
    createdAt: ago(minutesAgo),
    editedAt: extra.editedMinutesAgo ? ago(extra.editedMinutesAgo) : null,
    status: extra.deleted ? 'deleted' : 'published',
    likes,
  }));
}

export const seedPoll = (now = Date.now()): SeedPoll => ({
  id: POLL,
  question: 'Which change has helped you most?',
  options: [
    { id: 'walk', label: 'A short walk after meals', votes: 412 },
    { id: 'drinks', label: 'Swapping sugary drinks', votes: 287 },
    { id: 'sleep', label: 'Regular sleep', votes: 198 },
    { id: 'cooking', label: 'Cooking at home more', votes: 256 },
    { id: 'other', label: 'Something else', votes: 64 },
  ],
  multiple: true,
  maxChoices: 2,
  closesAt: new Date(now + 12 * DAY).toISOString(),
  closed: false,
  resultsVisibility: 'after-vote',
});

/** The article's poll and an earlier one that has closed, built fresh so that dates are relative to now. */
export const seedPolls = (now = Date.now()): SeedPoll[] => [
  seedPoll(now),
  {
    id: CLOSED_POLL,
    question: 'How often do you check your blood glucose?',
    options: [
      { id: 'daily', label: 'Every day', votes: 341 },
      { id: 'weekly', label: 'A few times a week', votes: 226 },
      { id: 'rarely', label: 'Only before appointments', votes: 97 },
    ],
    multiple: false,
    maxChoices: 1,
    closesAt: new Date(now - 30 * DAY).toISOString(),
    closed: true,
    resultsVisibility: 'after-close',
  },
];

/** Who the reader can be in the demo. */
export const personas: Record<string, { label: string; viewer: Viewer | null }> = {
  guest: { label: 'A guest', viewer: null },
  sam: { label: 'Sam (signed in)', viewer: { id: 'sam', name: 'Sam Rivera', roles: [] } },
  amara: { label: 'Dr. Okafor (moderator)', viewer: { id: amara.id, name: amara.name, avatarUrl: amara.avatarUrl ?? null, roles: amara.roles ?? [] } },
};

const liveBodies = [
  'Just read this for the first time. The part about readings being weather, not climate, really helped.',
  'Walked after lunch today for the first time in weeks. Small win!',
  'Does anyone have tips for eating well on night shifts?',
  'Thank you all. I feel less alone reading this thread.',
];

/** The `n`th "comment from someone else" of the demo's panel: who writes it and what. */
export const liveComment = (n: number): { author: Author; body: string } => ({
  author: commenters[n % commenters.length]!,
  body: liveBodies[n % liveBodies.length]!,
});
