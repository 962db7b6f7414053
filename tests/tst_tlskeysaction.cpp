// File → Save TLS keys… against a live TLS listener of the window, with
// openssl s_client as the real client: the file holds the very secrets the
// client logged itself, a later handshake's are added once while the action
// is checked and not after, and a write that fails is named while the
// window goes on.
#include "engine/engine.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "tlskeysaction.h"
#include "windowparts.h"

#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/resource.h>

using namespace sockscope;
using Model = ConnectionsModel;

namespace {
constexpr int kHandshakeTimeoutMs = 20000;
const QByteArray kClientHandshakeSecret = "CLIENT_HANDSHAKE_TRAFFIC_SECRET ";

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The key lines; OpenSSL's own file starts with a comment.
QList<QByteArray> linesOf(const QByteArray& text) {
    QList<QByteArray> lines = text.split('\n');
    lines.removeIf([](const QByteArray& line) { return line.isEmpty() || line.startsWith('#'); });
    return lines;
}

qsizetype countOf(const QByteArray& keyLog, const QByteArray& label) {
    qsizetype count = 0;
    for (const QByteArray& line : linesOf(keyLog))
        count += line.startsWith(label) ? 1 : 0;
    return count;
}

// Every line the client logged is in the file.
bool holdsAll(const QByteArray& saved, const QByteArray& client) {
    const QList<QByteArray> savedLines = linesOf(saved);
    const QList<QByteArray> clientLines = linesOf(client);
    return !clientLines.isEmpty() &&
           std::all_of(clientLines.cbegin(), clientLines.cend(),
                       [&](const QByteArray& line) { return savedLines.contains(line); });
}
} // namespace

class tst_TlsKeysAction final : public QObject {
    Q_OBJECT

private:
    // A TLS listener of the window with SockScope's own certificate; its port.
    quint16 startTlsListener() {
        ListenerConfig listen;
        listen.address = QStringLiteral("127.0.0.1");
        listen.tls.enabled = true;
        m_window->startListener(listen);
        Model* model = parts::connectionsModel(m_window);
        if (!QTest::qWaitFor([&] { return model->listenerCount() == 1; }, kHandshakeTimeoutMs))
            return 0;
        return quint16(
            model->index(0, Model::LocalColumn).data().toString().section(u':', -1).toUInt());
    }

    // openssl s_client through one handshake with the listener; what it
    // logged of its secrets.
    QByteArray handshake(const QString& keyLogName) {
        const QString keyLog = m_dir.filePath(keyLogName);
        QProcess client;
        client.start(QStringLiteral("openssl"),
                     {QStringLiteral("s_client"), QStringLiteral("-connect"),
                      QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("-servername"),
                      QStringLiteral("localhost"), QStringLiteral("-keylogfile"), keyLog});
        if (!client.waitForStarted())
            return {};
        client.closeWriteChannel(); // it leaves once the handshake is done
        if (!QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; },
                             kHandshakeTimeoutMs))
            return {};
        return readAll(keyLog);
    }

    // The window has seen n handshakes of the listener end well.
    bool windowSawHandshakes(int n) {
        Model* model = parts::connectionsModel(m_window);
        return QTest::qWaitFor(
            [&] {
                const QModelIndex listener = model->index(0, 0);
                int secured = 0;
                for (int row = 0; row < model->rowCount(listener); ++row)
                    secured += model->index(row, 0, listener).data(Model::TlsRole).toInt() ==
                               int(Model::Tls::Secured);
                return secured == n;
            },
            kHandshakeTimeoutMs);
    }

    TlsKeysAction* action() const { return parts::find<TlsKeysAction>(m_window, "tlsKeysAction"); }

    QMessageBox* failureBox() const {
        return m_window->findChild<QMessageBox*>(QStringLiteral("tlsKeysFailedBox"));
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase() {
        // The local CA goes to the test mode's data folder, not the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_tlskeysaction"));
        QVERIFY(m_dir.isValid());
    }

    void init() {
        QSettings().clear();
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_port = startTlsListener();
        QVERIFY(m_port != 0);
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void savesTheClientsOwnSecretsThenAddsLaterOnesUntilUnchecked() {
        const QByteArray first = handshake(QStringLiteral("first-client.keys"));
        QVERIFY2(first.contains(kClientHandshakeSecret), first.constData());
        QVERIFY(windowSawHandshakes(1));

        TlsKeysAction* keys = action();
        QVERIFY(keys->isCheckable());
        const QString path = m_dir.filePath(QStringLiteral("session.keys"));
        QVERIFY(keys->saveTo(path));
        QVERIFY(keys->isChecked());
        QVERIFY(holdsAll(readAll(path), first));
        QCOMPARE(countOf(readAll(path), kClientHandshakeSecret), 1);
        // Secrets are for the owner alone.
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());

        // A later handshake's keys are added once, as Wireshark reads them.
        const QByteArray second = handshake(QStringLiteral("second-client.keys"));
        QVERIFY(second.contains(kClientHandshakeSecret));
        QTRY_VERIFY_WITH_TIMEOUT(holdsAll(readAll(path), second), kHandshakeTimeoutMs);
        QVERIFY(holdsAll(readAll(path), first));
        QCOMPARE(countOf(readAll(path), kClientHandshakeSecret), 2);

        // Unchecked (as a click does): later keys stay out.
        keys->trigger();
        QVERIFY(!keys->isChecked());
        const QByteArray third = handshake(QStringLiteral("third-client.keys"));
        QVERIFY(third.contains(kClientHandshakeSecret));
        QVERIFY(windowSawHandshakes(3));
        QCOMPARE(countOf(readAll(path), kClientHandshakeSecret), 2);
        QVERIFY(!failureBox());
    }

    // A saved session's window has the keys the file kept, and nothing to follow.
    void aSavedSessionsKeysAreSavedToo() {
        const QByteArray client = handshake(QStringLiteral("saved-client.keys"));
        QVERIFY(client.contains(kClientHandshakeSecret));
        QVERIFY(windowSawHandshakes(1));
        const QString session = m_dir.filePath(QStringLiteral("tls-session.jsonl"));
        QString error;
        QVERIFY2(parts::exportAction(m_window)->exportTo(session, ExportFormat::Jsonl, &error),
                 qPrintable(error));
        MainWindow* saved = m_window->openSession(session); // the live window owns it
        QVERIFY(saved);
        auto* keys = parts::find<TlsKeysAction>(saved, "tlsKeysAction");
        QVERIFY(!keys->isCheckable());
        const QString path = m_dir.filePath(QStringLiteral("from-the-file.keys"));
        QVERIFY(keys->saveTo(path));
        QVERIFY(holdsAll(readAll(path), client));
        QCOMPARE(countOf(readAll(path), kClientHandshakeSecret), 1);
    }

    void aFileThatCannotBeWrittenIsNamed() {
        const QString path = m_dir.filePath(QStringLiteral("no-such-folder/session.keys"));
        QVERIFY(!action()->saveTo(path));
        QVERIFY(!action()->isChecked());
        QMessageBox* box = failureBox();
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY2(box->text().contains(u"no-such-folder"), qPrintable(box->text()));
        QVERIFY(!box->informativeText().isEmpty());
        box->close();
        QVERIFY(m_window->isVisible());
    }

    void aLaterWriteThatFailsStopsAndSaysWhy() {
        const QString path = m_dir.filePath(QStringLiteral("limited.keys"));
        QVERIFY(action()->saveTo(path)); // no handshake yet: empty, and followed
        QVERIFY(action()->isChecked());
        // A file-size limit stands in for a full disk: the next write fails
        // with EFBIG, as it would with ENOSPC.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit none = old;
        none.rlim_cur = 0;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &none), 0);
        handshake(QStringLiteral("unlogged.keys")); // its own key log fails too; no matter
        const bool failed =
            QTest::qWaitFor([&] { return failureBox() != nullptr; }, kHandshakeTimeoutMs);
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(failed);
        QVERIFY2(failureBox()->text().contains(u"limited.keys"), qPrintable(failureBox()->text()));
        QVERIFY(!failureBox()->informativeText().isEmpty());
        QVERIFY(!action()->isChecked());
        QVERIFY(m_window->isVisible());
    }
};

QTEST_MAIN(tst_TlsKeysAction)
#include "tst_tlskeysaction.moc"
