#!/usr/bin/env node
// An independent ДСТУ 4145-2002 signer for akredit's tests/kep/dstu.rs: jkurwa (and gost89,
// its GOST 28147/34.311 library), which is not derived from structured-dstu4145.
//
//   node tests/kep/jkurwa/sign.js FILE OUTDIR
//
// generates a fresh key on the standard's 257-bit polynomial-basis curve (DSTU_PB_257),
// self-signs a certificate with it (jkurwa's Certificate.signCert) and writes to OUTDIR:
//   dstu-jkurwa.cer     the certificate (DER): its SPKI is the key, its signature the
//                       certificate form (a BIT STRING holding an OCTET STRING of r‖s LE);
//   dstu-jkurwa.p7s     a detached CMS SignedData (DER) over FILE, with the signed attributes
//                       contentType, messageDigest (GOST 34.311), signingTime and
//                       signingCertificateV2, made by jkurwa's models/Message;
//   dstu-jkurwa.json    what the Rust test reads without a CMS parser: the hex of the SPKI,
//                       the signed attributes' DER (the SET OF, as it is hashed), the
//                       SignerInfo's signature OCTET STRING contents, the TBS and the
//                       certificate's signature BIT STRING contents, and jkurwa's own
//                       GOST 34.311 of FILE.
// Install once with `npm ci --prefix tests/kep/jkurwa`.
"use strict";

const fs = require("fs");
const path = require("path");
const jk = require("jkurwa");
const gost89 = require("gost89");
const asn1 = require("asn1.js");
const dstszi2010 = require("jkurwa/lib/spec/dstszi2010.js");
const rfc3280 = require("jkurwa/lib/spec/rfc3280.js");

function main() {
  const [file, outdir] = process.argv.slice(2);
  if (!file || !outdir) {
    process.stderr.write("usage: node sign.js FILE OUTDIR\n");
    process.exit(2);
  }
  const data = fs.readFileSync(file);
  const algo = gost89.compat.algos();
  const priv = jk.std_curve("DSTU_PB_257").keygen();
  const name = { organizationName: "akredit test", serialNumber: "UA-00000000", localityName: "Київ" };
  const now = Date.now();
  const cert = jk.Certificate.signCert({
    privkey: priv,
    hash: algo.hash,
    certData: {
      serial: 0x5a5a01,
      issuer: name,
      subject: name,
      valid: { from: now - 86400000, to: now + 365 * 86400000 },
      usage: "\x03\x02\x06\xC0",
    },
  });
  const certDer = cert.as_asn1();
  // Re-read, as a verifier would: the DER written, not jkurwa's object.
  const parsed = rfc3280.Certificate.decode(certDer, "der");
  const tbs = rfc3280.TBSCertificate.encode(parsed.tbsCertificate, "der");
  const spki = rfc3280.SubjectPublicKeyInfo.encode(parsed.tbsCertificate.subjectPublicKeyInfo, "der");

  const digest = algo.hash(data);
  const message = new jk.models.Message({
    type: "signedData",
    cert,
    dataHash: digest,
    signer: priv,
    hash: algo.hash,
    signTime: Math.floor(now / 1000),
  });
  const p7s = message.as_asn1();
  const reread = new jk.models.Message(p7s);
  const signerInfo = reread.info.signerInfos[0];
  const signedAttrs = dstszi2010.Attributes.encode(signerInfo.authenticatedAttributes, "der");

  // jkurwa checks its own output, so that a failure on the Rust side is akredit's.
  // (Message.verify wants attached content; the detached check is spelled out.)
  const ownDigest = reread.pattrs.messageDigest;
  if (!ownDigest || !Buffer.from(ownDigest).equals(Buffer.from(digest))) {
    throw new Error("jkurwa's messageDigest is not its GOST 34.311 of the file");
  }
  if (!cert.pubkey_unpack().verify(algo.hash(signedAttrs), signerInfo.encryptedDigest, "le")) {
    throw new Error("jkurwa does not verify its own signed attributes");
  }
  if (!cert.verifySignature(cert.pubkey_unpack(), { Dstu4145le: algo.hash })) {
    throw new Error("jkurwa does not verify its own certificate");
  }

  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, "dstu-jkurwa.cer"), certDer);
  fs.writeFileSync(path.join(outdir, "dstu-jkurwa.p7s"), p7s);
  const out = {
    curve: "DSTU_PB_257",
    spki: spki.toString("hex"),
    tbs: tbs.toString("hex"),
    cert_signature: Buffer.from(parsed.signature.data).toString("hex"),
    signed_attrs: signedAttrs.toString("hex"),
    signature: Buffer.from(signerInfo.encryptedDigest).toString("hex"),
    digest: Buffer.from(digest).toString("hex"),
  };
  fs.writeFileSync(path.join(outdir, "dstu-jkurwa.json"), JSON.stringify(out, null, 2) + "\n");
}

main();
