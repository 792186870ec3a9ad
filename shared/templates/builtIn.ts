/**
 * The five kinds of network the method works in, as templates a
 * facilitator starts from: the questions each phase asks, the scenarios such
 * a table usually ends up discussing, who is expected at it, and how its
 * priorities are voted. Written as facilitators of these networks open their
 * meetings; everything can be edited on the board afterwards.
 */
import { TEMPLATE_FORMAT, TEMPLATE_VERSION, TemplateSchema, type Template } from './schema';

const base = { format: TEMPLATE_FORMAT, version: TEMPLATE_VERSION } as const;

const territorialDevelopment: Template = {
  ...base,
  id: 'territorial-development',
  title: { it: 'Percorso di sviluppo territoriale', en: 'Local territorial development path' },
  description: {
    it: 'Laboratori intersettoriali che raccolgono idee e proposte progettuali per rilanciare un territorio: enti locali, imprese, associazioni e cittadini allo stesso tavolo.',
    en: 'Cross-sector labs that gather ideas and project proposals to relaunch a territory: local authorities, businesses, associations and residents at one table.',
  },
  titlePattern: { it: 'Sviluppo territoriale – {title}', en: 'Territorial development – {title}' },
  prompts: {
    listening: {
      it: 'Pensando al nostro territorio tra dieci anni: che cosa funziona già, che cosa manca, che cosa vorresti vedere nascere?',
      en: 'Picture our territory in ten years: what already works, what is missing, what would you like to see start?',
    },
    discussion: {
      it: 'Quali risorse del territorio (persone, luoghi, saperi, imprese) sono sottoutilizzate? Chi dovrebbe essere qui e non c’è?',
      en: 'Which of the territory’s resources (people, places, skills, businesses) are underused? Who should be here and is not?',
    },
    scenarios: {
      it: 'Raggruppiamo le idee in ambiti di intervento: quali proposte si rafforzano a vicenda?',
      en: 'Group the ideas into fields of action: which proposals strengthen each other?',
    },
    priorities: {
      it: 'Su quali proposte il territorio può partire nei prossimi dodici mesi con le forze che ha?',
      en: 'Which proposals can the territory start on within twelve months with the strength it has?',
    },
    codesign: {
      it: 'Per ogni priorità: chi guida, con quali partner, con quali risorse e quali primi passi?',
      en: 'For each priority: who leads, with which partners, with which resources and which first steps?',
    },
  },
  scenarios: [
    { name: { it: 'Lavoro e impresa', en: 'Jobs and enterprise' }, color: 'teal' },
    { name: { it: 'Giovani e competenze', en: 'Young people and skills' }, color: 'indigo' },
    { name: { it: 'Turismo e cultura', en: 'Tourism and culture' }, color: 'amber' },
    { name: { it: 'Servizi e qualità della vita', en: 'Services and quality of life' }, color: 'rose' },
    { name: { it: 'Ambiente e paesaggio', en: 'Environment and landscape' }, color: 'lime' },
    { name: { it: 'Mobilità e connessioni', en: 'Mobility and connections' }, color: 'slate' },
  ],
  sectors: ['public', 'private', 'civil'],
  dotsPerPerson: 5,
  voteSettings: { mode: 'secret', maxPerItem: 3, k: 3, balanced: true },
};

const territorialMarketing: Template = {
  ...base,
  id: 'territorial-marketing',
  title: { it: 'Evento di marketing e promozione territoriale', en: 'Territorial marketing and promotion event' },
  description: {
    it: 'Reti pubblico-private sullo sviluppo locale sostenibile, la green economy e l’innovazione nei distretti industriali: un evento che produce proposte condivise.',
    en: 'Public–private networks on sustainable local development, the green economy and innovation in industrial districts: an event that ends with shared proposals.',
  },
  titlePattern: { it: 'Promozione territoriale – {title}', en: 'Territorial promotion – {title}' },
  prompts: {
    listening: {
      it: 'Che cosa rende unico il nostro territorio per chi ci investe, ci lavora o lo visita? Scrivi un punto di forza per nota.',
      en: 'What makes our territory unique to those who invest, work or visit here? One strength per note.',
    },
    discussion: {
      it: 'Dove il distretto può innovare in chiave sostenibile: filiere, energia, economia circolare, competenze?',
      en: 'Where can the district innovate sustainably: supply chains, energy, the circular economy, skills?',
    },
    scenarios: {
      it: 'Uniamo le proposte in linee di promozione e di sviluppo che il partenariato pubblico-privato può sostenere insieme.',
      en: 'Bring the proposals together into promotion and development lines the public–private partnership can back together.',
    },
    priorities: {
      it: 'Quali linee daranno più valore al territorio e più visibilità alla rete?',
      en: 'Which lines will bring the territory the most value and the network the most visibility?',
    },
    codesign: {
      it: 'Chi si impegna su che cosa: capofila, partner, investimenti, calendario e indicatori di risultato.',
      en: 'Who commits to what: lead partner, partners, investment, timeline and result indicators.',
    },
  },
  scenarios: [
    { name: { it: 'Identità e brand del territorio', en: 'Territorial identity and brand' }, color: 'amber' },
    { name: { it: 'Green economy ed energia', en: 'Green economy and energy' }, color: 'lime' },
    { name: { it: 'Innovazione nel distretto', en: 'Innovation in the district' }, color: 'indigo' },
    { name: { it: 'Filiere ed economia circolare', en: 'Supply chains and circular economy' }, color: 'teal' },
    { name: { it: 'Attrattività e accoglienza', en: 'Attractiveness and hospitality' }, color: 'rose' },
  ],
  sectors: ['public', 'private', 'civil', 'other'],
  dotsPerPerson: 6,
  voteSettings: { mode: 'open', maxPerItem: 3, k: 3, balanced: true },
};

const csrLab: Template = {
  ...base,
  id: 'csr-lab',
  title: { it: 'Laboratorio aziendale sulla responsabilità sociale', en: 'Company lab on corporate social responsibility' },
  description: {
    it: 'Un laboratorio in azienda su welfare aziendale, gestione ambientale, rapporti con i fornitori e progetti con il territorio, con lavoratori, management e stakeholder esterni.',
    en: 'An in-company lab on corporate welfare, environmental management, supplier relations and projects with the territory, with staff, management and outside stakeholders.',
  },
  titlePattern: { it: 'Responsabilità sociale – {title}', en: 'Corporate social responsibility – {title}' },
  prompts: {
    listening: {
      it: 'Che cosa fa già bene la nostra azienda verso le persone, l’ambiente e il territorio? E che cosa potrebbe fare meglio?',
      en: 'What does our company already do well for people, the environment and the territory? What could it do better?',
    },
    discussion: {
      it: 'Quali bisogni dei colleghi e delle loro famiglie il welfare aziendale oggi non copre? Quali impatti ambientali possiamo ridurre?',
      en: 'Which needs of colleagues and their families does corporate welfare not cover today? Which environmental impacts can we reduce?',
    },
    scenarios: {
      it: 'Raggruppiamo le proposte negli ambiti della responsabilità sociale d’impresa.',
      en: 'Group the proposals into the fields of corporate social responsibility.',
    },
    priorities: {
      it: 'Quali iniziative avrebbero più impatto e sono realizzabili nel prossimo piano annuale?',
      en: 'Which initiatives would have the most impact and fit in next year’s plan?',
    },
    codesign: {
      it: 'Per ogni iniziativa: referente, funzioni coinvolte, partner esterni, budget e tempi.',
      en: 'For each initiative: owner, departments involved, outside partners, budget and timing.',
    },
  },
  scenarios: [
    { name: { it: 'Welfare aziendale', en: 'Corporate welfare' }, color: 'rose' },
    { name: { it: 'Gestione ambientale', en: 'Environmental management' }, color: 'lime' },
    { name: { it: 'Rapporti con i fornitori', en: 'Supplier relations' }, color: 'slate' },
    { name: { it: 'Progetti con il territorio', en: 'Projects with the territory' }, color: 'teal' },
    { name: { it: 'Benessere e crescita delle persone', en: 'Wellbeing and growth of people' }, color: 'indigo' },
  ],
  sectors: ['public', 'private', 'civil'],
  dotsPerPerson: 5,
  // Staff vote next to their managers: ballots stay secret, small groups stay hidden.
  voteSettings: { mode: 'secret', maxPerItem: 2, k: 4, balanced: true },
};

const familyAlliance: Template = {
  ...base,
  id: 'family-alliance',
  title: { it: 'Alleanza territoriale per la famiglia', en: 'Territorial family alliance' },
  description: {
    it: 'Scuole, imprese, associazioni di volontariato e pubbliche amministrazioni insieme sulle condizioni economiche, relazionali e sociali delle famiglie del territorio.',
    en: 'Schools, businesses, volunteer associations and public administrations together on the economic, relational and social conditions of local families.',
  },
  titlePattern: { it: 'Alleanza per la famiglia – {title}', en: 'Family alliance – {title}' },
  prompts: {
    listening: {
      it: 'Che cosa rende difficile, oggi, la vita di una famiglia nel nostro territorio? E che cosa la rende più facile?',
      en: 'What makes life hard for a family in our territory today? And what makes it easier?',
    },
    discussion: {
      it: 'Dove scuola, lavoro e servizi non si parlano? Quali famiglie restano escluse dalle opportunità che ci sono?',
      en: 'Where do school, work and services fail to connect? Which families miss out on what already exists?',
    },
    scenarios: {
      it: 'Raggruppiamo le idee negli ambiti in cui l’alleanza può agire.',
      en: 'Group the ideas into the fields where the alliance can act.',
    },
    priorities: {
      it: 'Quali azioni migliorerebbero di più la vita delle famiglie e quali partner dell’alleanza possono realizzarle?',
      en: 'Which actions would most improve families’ lives, and which partners of the alliance can carry them out?',
    },
    codesign: {
      it: 'Il piano dell’alleanza: azione, ente capofila, partner, impegni di ciascun settore e tempi.',
      en: 'The alliance’s plan: action, lead organisation, partners, each sector’s commitments and timing.',
    },
  },
  scenarios: [
    { name: { it: 'Conciliazione vita-lavoro', en: 'Work–life balance' }, color: 'teal' },
    { name: { it: 'Scuola ed educazione', en: 'School and education' }, color: 'indigo' },
    { name: { it: 'Servizi alla famiglia', en: 'Family services' }, color: 'rose' },
    { name: { it: 'Welfare aziendale', en: 'Corporate welfare' }, color: 'amber' },
    { name: { it: 'Tempo libero e relazioni', en: 'Leisure and relationships' }, color: 'lime' },
    { name: { it: 'Sostegno economico e casa', en: 'Income support and housing' }, color: 'slate' },
  ],
  sectors: ['public', 'private', 'civil'],
  dotsPerPerson: 5,
  voteSettings: { mode: 'secret', maxPerItem: 3, k: 3, balanced: true },
};

const riverContract: Template = {
  ...base,
  id: 'river-contract',
  title: { it: 'Contratto di fiume', en: 'River contract' },
  description: {
    it: 'Un accordo volontario tra enti, imprese, associazioni e cittadini per la cura del fiume e di tutto il suo bacino: fruizione, ambiente, sicurezza idraulica, uso dei materiali fluviali.',
    en: 'A voluntary agreement between authorities, businesses, associations and residents to care for a river and its whole basin: enjoyment, environment, flood safety, use of river materials.',
  },
  titlePattern: { it: 'Contratto di fiume {title}', en: 'River contract {title}' },
  prompts: {
    listening: {
      it: 'Che cosa rappresenta per te il fiume, dalla sorgente alla foce? Scrivi un valore, un problema o un desiderio per nota.',
      en: 'What does the river mean to you, from source to mouth? One value, problem or wish per note.',
    },
    discussion: {
      it: 'Dove, lungo il bacino, i diversi usi del fiume entrano in conflitto? Dove possono invece rafforzarsi?',
      en: 'Where along the basin do the river’s different uses clash? Where could they strengthen each other?',
    },
    scenarios: {
      it: 'Raggruppiamo le proposte negli assi del contratto di fiume, pensando a tutto il bacino e non solo al proprio tratto.',
      en: 'Group the proposals into the axes of the river contract, thinking of the whole basin, not just your own stretch.',
    },
    priorities: {
      it: 'Quali azioni entrano nel primo programma d’azione del contratto?',
      en: 'Which actions go into the contract’s first action programme?',
    },
    codesign: {
      it: 'Per ogni azione: soggetto responsabile, sottoscrittori coinvolti, risorse, tempi e tratto di fiume interessato.',
      en: 'For each action: the body responsible, the signatories involved, resources, timing and the stretch of river concerned.',
    },
  },
  scenarios: [
    { name: { it: 'Fruizione del fiume', en: 'Enjoyment of the river' }, color: 'teal' },
    { name: { it: 'Aspetti ambientali e qualità delle acque', en: 'Environment and water quality' }, color: 'lime' },
    { name: { it: 'Sicurezza idraulica', en: 'Flood safety' }, color: 'indigo' },
    { name: { it: 'Uso dei materiali fluviali', en: 'Use of river materials' }, color: 'amber' },
    { name: { it: 'Il bacino nel suo insieme', en: 'The basin as a whole' }, color: 'slate' },
  ],
  sectors: ['public', 'private', 'civil', 'other'],
  dotsPerPerson: 5,
  voteSettings: { mode: 'secret', maxPerItem: 3, k: 3, balanced: true },
};

/** In the order "New workshop" offers them; each checked against the schema at load. */
export const BUILT_IN_TEMPLATES: readonly Template[] = [territorialDevelopment, territorialMarketing, csrLab, familyAlliance, riverContract].map((t) =>
  TemplateSchema.parse(t),
);

export const builtInTemplate = (id: string): Template | null => BUILT_IN_TEMPLATES.find((t) => t.id === id) ?? null;
