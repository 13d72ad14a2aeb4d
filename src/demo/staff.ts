/**
 * The demo organisation: a 2017-style campaign on en-marche.fr. Staff are invented; only the
 * digital director's name is public (he was named in the reporting on the phishing waves).
 */
export const DEMO_DOMAIN = 'en-marche.fr';
export const DEMO_ORG_NAME = 'En Marche ! (démo 2017)';

const people: Array<[string, string, string]> = [
  // [full name, department, role]
  ['Mounir Mahjoubi', 'numérique', 'directeur du numérique'],
  ['Claire Vasseur', 'direction', 'directrice de campagne'],
  ['Julien Marchand', 'direction', 'directeur adjoint'],
  ['Sophie Lemaire', 'direction', 'cheffe de cabinet'],
  ['Antoine Girard', 'direction', 'chargé de mission'],
  ['Nadia Benali', 'direction', 'assistante de direction'],
  ['Thomas Roux', 'numérique', 'responsable sécurité'],
  ['Léa Fontaine', 'numérique', 'développeuse'],
  ['Hugo Perrin', 'numérique', 'administrateur systèmes'],
  ['Inès Moreau', 'numérique', 'chargée des réseaux sociaux'],
  ['Maxime Lambert', 'numérique', 'analyste données'],
  ['Camille Dubois', 'numérique', 'chargée de communication numérique'],
  ['Élodie Garnier', 'presse', 'responsable presse'],
  ['Nicolas Faure', 'presse', 'attaché de presse'],
  ['Sarah Cohen', 'presse', 'attachée de presse'],
  ['Romain Blanc', 'presse', 'chargé des relations médias'],
  ['Pauline Mercier', 'presse', 'rédactrice'],
  ['Olivier Chevalier', 'finances', 'trésorier'],
  ['Isabelle Robin', 'finances', 'responsable des dons'],
  ['Karim Haddad', 'finances', 'comptable'],
  ['Agathe Morel', 'finances', 'chargée de conformité'],
  ['Benoît Henry', 'finances', 'contrôleur de gestion'],
  ['Lucie Bertrand', 'mobilisation', 'responsable mobilisation'],
  ['Mehdi Ait-Ali', 'mobilisation', 'coordinateur des comités locaux'],
  ['Chloé Renaud', 'mobilisation', 'chargée des bénévoles'],
  ['Paul Lefèvre', 'mobilisation', 'chargé des événements'],
  ['Manon Gauthier', 'mobilisation', 'coordinatrice régionale'],
  ['Yanis Brunet', 'mobilisation', 'coordinateur régional'],
  ['Aurélie Picard', 'mobilisation', 'chargée de mission'],
  ['Vincent Caron', 'programme', 'responsable du programme'],
  ['Émilie Fournier', 'programme', 'chargée des relations avec les experts'],
  ['Guillaume Rey', 'programme', 'conseiller économie'],
  ['Amina Diallo', 'programme', 'conseillère social'],
  ['François Masson', 'programme', 'conseiller international'],
  ['Juliette Aubert', 'programme', 'rédactrice des discours'],
  ['Samuel Lucas', 'programme', 'chargé de mission'],
  ['Laura Marie', 'direction', 'responsable des agendas'],
  ['Alexandre Noël', 'numérique', 'chef de projet application'],
  ['Margaux Leroy', 'presse', 'photographe'],
  ['Stéphane Colin', 'finances', 'juriste'],
];

function emailOf(fullName: string): string {
  const [first, ...rest] = fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(' ');
  return `${first}.${rest.join('-').replace(/[^a-z-]/g, '')}@${DEMO_DOMAIN}`;
}

/** The demo staff directory as the CSV a campaign would export from its mail admin. */
export function demoStaffCsv(): string {
  const lines = ['nom;email;département;rôle;langue'];
  for (const [name, dept, role] of people) lines.push(`${name};${emailOf(name)};${dept};${role};fr`);
  return `${lines.join('\n')}\n`;
}
