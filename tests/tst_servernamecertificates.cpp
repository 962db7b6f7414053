// The certificates a TLS listener without --cert issues per server name:
// each names exactly what the client asked for and is signed by the local
// CA; a name the peer makes up cannot smuggle text into the certificate.
#include "engine/servernamecertificates.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509v3.h>

using namespace sockscope;

namespace {
// The certificate's subjectAltName entries, as "DNS:name" or "IP:...".
QStringList altNames(X509* certificate) {
    QStringList names;
    auto* general = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; i < sk_GENERAL_NAME_num(general); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(general, i);
        if (name->type == GEN_DNS)
            names.append(QStringLiteral("DNS:") + QString::fromLatin1(reinterpret_cast<const char*>(
                                                      ASN1_STRING_get0_data(name->d.dNSName))));
        else
            names.append(QStringLiteral("other"));
    }
    GENERAL_NAMES_free(general);
    return names;
}
} // namespace

class tst_ServerNameCertificates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void issuesOneCertificatePerNameSignedByTheCa();
    void longNameIsCarriedByTheAltNameAlone();
    void namesNotToBeCertifiedGetNone_data();
    void namesNotToBeCertifiedGetNone();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const LocalCa> m_ca;
};

void tst_ServerNameCertificates::initTestCase() {
    QVERIFY(m_dir.isValid());
    QString error;
    m_ca = LocalCa::open(m_dir.path(), &error);
    QVERIFY2(m_ca, qPrintable(error));
}

void tst_ServerNameCertificates::issuesOneCertificatePerNameSignedByTheCa() {
    ServerNameCertificates certificates(m_ca);
    const auto issued = certificates.forName(QStringLiteral("api.example.test"));
    QVERIFY(issued);
    QCOMPARE(altNames(issued->certificate.get()),
             QStringList{QStringLiteral("DNS:api.example.test")});
    QCOMPARE(X509_check_issued(m_ca->certificate(), issued->certificate.get()), X509_V_OK);
    QCOMPARE(X509_check_private_key(issued->certificate.get(), issued->key.get()), 1);
    // Kept: the same name, in any case, is not issued again.
    QCOMPARE(certificates.forName(QStringLiteral("API.Example.Test")), issued);
    const auto other = certificates.forName(QStringLiteral("other.example.test"));
    QVERIFY(other && other != issued);
}

void tst_ServerNameCertificates::longNameIsCarriedByTheAltNameAlone() {
    // 4 labels of 60 characters: 243 characters, more than a common name holds.
    const QString label(60, u'a');
    const QString name = QStringList{label, label, label, label}.join(u'.');
    const auto issued = ServerNameCertificates(m_ca).forName(name);
    QVERIFY(issued);
    QCOMPARE(altNames(issued->certificate.get()), QStringList{QStringLiteral("DNS:") + name});
}

void tst_ServerNameCertificates::namesNotToBeCertifiedGetNone_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("the localhost certificate's") << QStringLiteral("localhost");
    QTest::newRow("empty") << QString();
    QTest::newRow("an address") << QStringLiteral("127.0.0.1");
    QTest::newRow("a second name smuggled in") << QStringLiteral("a.test,IP:10.0.0.1");
    QTest::newRow("a colon") << QStringLiteral("DNS:a.test");
    QTest::newRow("a space") << QStringLiteral("a test");
    QTest::newRow("an empty label") << QStringLiteral("a..test");
    QTest::newRow("a label over 63") << QString(64, u'a') + QStringLiteral(".test");
    QTest::newRow("over 253") << QStringList(6, QString(50, u'a')).join(u'.');
    QTest::newRow("not ASCII") << QStringLiteral("b\u00fccher.test");
}

void tst_ServerNameCertificates::namesNotToBeCertifiedGetNone() {
    QFETCH(QString, name);
    QVERIFY(!ServerNameCertificates(m_ca).forName(name));
}

QTEST_GUILESS_MAIN(tst_ServerNameCertificates)
#include "tst_servernamecertificates.moc"
