// File → Export CA certificate…: the local CA's certificate as PEM, the
// one TLS listeners' certificates chain to, with what trusting it means
// and a fingerprint that openssl agrees with; a failure named.
#include "engine/engine.h"
#include "engine/localca.h"
#include "exportcaaction.h"
#include "mainwindow.h"
#include "windowparts.h"

#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sockscope;

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What `openssl x509 -fingerprint -sha256` says of the file: "AB:CD:...".
QString opensslFingerprint(const QString& path) {
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-in"), path, QStringLiteral("-noout"),
                   QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return {};
    return QString::fromLatin1(openssl.readAllStandardOutput()).section(u'=', 1).trimmed();
}
} // namespace

class tst_ExportCaAction final : public QObject {
    Q_OBJECT

private:
    ExportCaAction* action() const {
        return parts::find<ExportCaAction>(m_window, "exportCaAction");
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        // The local CA is made in the test mode's data folder, not the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_exportcaaction"));
        QVERIFY(m_dir.isValid());
        QSettings().clear();
    }

    void init() {
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void writesTheLocalCaAndSaysWhatTrustingItMeans() {
        const QString path = m_dir.filePath(QStringLiteral("sockscope-ca.pem"));
        QVERIFY(action()->exportTo(path));

        QString error;
        const std::shared_ptr<const LocalCa> ca = LocalCa::open(LocalCa::defaultDir(), &error);
        QVERIFY2(ca, qPrintable(error));
        const QByteArray pem = readAll(path);
        QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE-----"));
        QCOMPARE(pem, ca->certificatePem());
        QVERIFY2(!pem.contains("PRIVATE KEY"), "the key stays home");
        const QString fingerprint = sha256Fingerprint(ca->certificate());
        QCOMPARE(opensslFingerprint(path), fingerprint);

        auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("caExportedBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(u"sockscope-ca.pem"));
        const QString explanation = box->informativeText();
        QVERIFY2(explanation.contains(fingerprint), qPrintable(explanation));
        QVERIFY(explanation.contains(u"pose as any server"));
        QVERIFY(explanation.contains(LocalCa::defaultDir().toHtmlEscaped()));
    }

    void aFolderThatCannotTakeItIsNamed() {
        const QString path = m_dir.filePath(QStringLiteral("no-such-folder/ca.pem"));
        QVERIFY(!action()->exportTo(path));
        auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("caExportFailedBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY2(box->text().contains(u"no-such-folder"), qPrintable(box->text()));
        QVERIFY(!box->informativeText().isEmpty());
        QVERIFY(!QFile::exists(path));
        QVERIFY(m_window->isVisible());
    }
};

QTEST_MAIN(tst_ExportCaAction)
#include "tst_exportcaaction.moc"
