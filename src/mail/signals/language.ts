import type { Hit, SignalFamily } from './types.ts';
import type { SignalId } from '../weights.ts';

/**
 * Lures in French and English: pressure, credential requests, payments, fake security alerts,
 * account threats, "open the attachment", prizes. Each category counts once.
 */
const LURES: Array<[SignalId, RegExp]> = [
  // Portuguese, Spanish, German and Italian lures: attackers write in their victims' language.
  ['language.urgency', /\b(urgente|imediatamente|inmediatamente|sofort|dringend|subito|[úu]ltimo aviso|letzte mahnung|prazo|expira(r[áa])? hoje)\b/i],
  ['language.credentials', /\b(atualiz(e|ar)|confirm(e|ar)|verifi(que|car)|actualiz(a|ar)|best[äa]tigen|aktualisieren|verificare)\b.{0,40}\b(conta|cadastro|dados|senha|cuenta|datos|contrase[ñn]a|konto|passwort|daten|account)\b/i],
  ['language.account_threat', /\b(conta|cuenta|konto|cart[ãa]o|tarjeta)\b.{0,40}\b(bloquead[oa]|suspens[oa]|suspendid[oa]|gesperrt|desativad[oa]|cancelad[oa])\b|\b(dispositivo|acesso) bloqueado\b/i],
  ['language.prize', /\b(pontos|puntos|resgat(e|ar)|premio|pr[êe]mio|ganhou|gan(aste|ador)|gewinn(er|spiel)?|gutschein|vincenda|cashback)\b/i],
  ['language.payment', /\b(fatura|boleto|pagamento|factura|pago|rechnung|zahlung|pix|nota fiscal|cr[ée]dito)\b/i],
  ['language.urgency', /\b(urgent|urgence|imm[ée]diatement|immediately|right away|as soon as possible|sans d[ée]lai|within (24|48|72) hours|dans les (24|48|72) ?h(eures)?|expires? (today|soon|in)|expire (aujourd|bient[ôo]t|dans)|last (warning|notice|chance)|dernier (avertissement|rappel)|final (notice|reminder)|action (required|requise)|act now|agissez)\b/i],
  ['language.credentials', /\b(verify|confirm|update|validate|re-?activate|v[ée]rifie[rz]?|confirme[rz]?|mettre [àa] jour|valide[rz]?|r[ée]activer)\b.{0,40}\b(account|identity|password|credentials|login|details|information|compte|identit[ée]|mot de passe|identifiants|coordonn[ée]es|informations)\b|\b(enter|saisi(ssez|r)|entrez)\b.{0,30}\b(password|mot de passe|identifiants|credentials)\b/i],
  ['language.payment', /\b(invoice|payment|refund|wire transfer|bank details|overdue|unpaid|billing|facture|paiement|remboursement|virement|impay[ée]|rib|iban|frais de (livraison|douane)|customs fee|transaction)\b/i],
  ['language.security_alert', /\b(security alert|unusual (sign-?in|activity)|suspicious activity|unauthori[sz]ed (access|login)|alerte de s[ée]curit[ée]|activit[ée] (suspecte|inhabituelle)|connexion inhabituelle|tentative de connexion|phishing attack|attaque|been compromised|a [ée]t[ée] compromis|protect (your|yourself)|prot[ée]ge[rz]?[- ]vous)\b/i],
  ['language.account_threat', /\b(suspend(ed|u|ue|re)?|locked|blocked|disabled|deactivated|terminated|closed|restricted|bloqu[ée]e?|d[ée]sactiv[ée]e?|ferm[ée]e?|restreint|limit[ée]e?|supprim[ée]e?)\b.{0,40}\b(account|mailbox|access|compte|bo[îi]te|acc[èe]s|messagerie)\b|\b(account|compte|mailbox|bo[îi]te (aux lettres|mail))\b.{0,40}\b(suspend|locked|blocked|disabled|deactivated|terminated|bloqu|d[ée]sactiv|ferm|supprim|expire)/i],
  ['language.open_attachment', /\b(open|download|view|see|t[ée]l[ée]charge[rz]?|ouvr(ez|ir)|consulte[rz]?)\b.{0,40}\b(attach(ed|ment|ments)|pi[èe]ces? jointes?|document (joint|ci-joint)|fichier joint|the (file|document) below)\b/i],
  ['language.advance_fee', /\b(next of kin|beneficiary|inheritance|barrister|diplomat|consignment|compensation (fund|payment)|unclaimed (fund|sum)|million (us )?(dollars|usd|euros)|\$\d+(\.\d+)? million|atm (card|visa)|united nations|h[ée]ritage|b[ée]n[ée]ficiaire|fonds en d[ée]sh[ée]rence|dear (friend|beloved)|cher ami|mutual benefit|business proposal|proposition d.affaires|transfer (the|this) (fund|money)|foreign partner|widow|veuve)\b/i],
  ['language.crypto', /\b(bitcoin|btc|ethereum|usdt|crypto(currency|monnaie)?|airdrop|staking|stake your|crypto ?wallet|wallet (address|connect|verification)|seed phrase|binance|metamask|token claim|xlm|nft)\b/i],
  ['language.adult', /\b((hot|local|lonely) (singles|girls|women|ladies)|sexy|dating site|date (me|tonight)|rencontres? (coquines?|discr[èe]tes?|sans lendemain)|c[ée]libataires? (pr[èe]s|de votre)|girls? (near|in) your|naked|nude|xxx|webcam girls?|hookup|meet (me|women|girls))\b/i],
  ['language.prize', /\b(congratulations|you (have )?won|winner|gift card|reward|prize|f[ée]licitations|vous avez gagn[ée]|gagnant|carte cadeau|r[ée]compense|lot [àa] r[ée]cup[ée]rer|claim your)\b/i],
];

/** A word written with letters from two scripts (Latin "Impоrtant" with a Cyrillic о). */
const MIXED_WORD = /\b(?=[\p{L}]*\p{Script=Latin})(?=[\p{L}]*[\p{Script=Cyrillic}\p{Script=Greek}])[\p{L}]{3,}\b/u;

export const languageSignals: SignalFamily = (a) => {
  const hits: Hit[] = [];
  const head = `${a.msg.subject} ${a.fromName}`;
  const mixed = MIXED_WORD.exec(head) ?? MIXED_WORD.exec(a.visibleText.slice(0, 5000));
  if (mixed) hits.push({ id: 'language.mixed_script', evidence: `« ${mixed[0]} »` });
  const text = a.visibleText.length > 100_000 ? a.visibleText.slice(0, 100_000) : a.visibleText;
  for (const [id, re] of LURES) {
    if (hits.some((h) => h.id === id)) continue;
    const m = re.exec(text);
    if (m) hits.push({ id, evidence: `« ${m[0].slice(0, 100)} »` });
  }
  return hits;
};
