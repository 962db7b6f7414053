#include "findpart.h"
#include "listenerdialog.h"
#include "tlsoptionsbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;

class tst_ListenerDialog final : public QObject {
    Q_OBJECT

private:
    static void typeAddress(ListenerDialog& dialog, const QString& text) {
        QLineEdit* edit = dialog.addressEdit()->lineEdit();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_listenerdialog"));
    }
    void init() { QSettings().clear(); }

    void defaults() {
        ListenerDialog dialog;
        QCOMPARE(dialog.portEdit()->value(), 0);
        QCOMPARE(dialog.portEdit()->text(), QStringLiteral("any free port"));
        QCOMPARE(dialog.backlogEdit()->value(), ListenerConfig::kDefaultBacklog);
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(!dialog.replyFileEdit()->isEnabled());
    }

    void address_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("valid");
        QTest::newRow("localhost") << "localhost" << true;
        QTest::newRow("loopback literal") << "127.0.0.1" << true;
        QTest::newRow("any keyword") << "any" << true;
        QTest::newRow("IPv4 any") << "0.0.0.0" << true;
        QTest::newRow("dual stack") << "::" << true;
        QTest::newRow("IPv6 loopback") << "::1" << true;
        QTest::newRow("host name") << "example.com" << false;
        QTest::newRow("bad octet") << "300.1.1.1" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("with port") << "127.0.0.1:80" << false;
    }
    void address() {
        QFETCH(QString, typed);
        QFETCH(bool, valid);
        ListenerDialog dialog;
        dialog.show();
        typeAddress(dialog, typed);
        QCOMPARE(dialog.okButton()->isEnabled(), valid);
        QCOMPARE(dialog.addressError()->isVisible(), !valid);
        if (!valid) {
            QVERIFY(dialog.addressError()->text().contains(u"not a bind address"));
        }
    }

    void invalidAddressIsNotAccepted() {
        ListenerDialog dialog;
        dialog.show();
        typeAddress(dialog, QStringLiteral("nowhere"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
    }

    void namedChoicesMapToKeywords_data() {
        QTest::addColumn<QString>("keyword");
        QTest::newRow("localhost") << "localhost";
        QTest::newRow("any") << "any";
        QTest::newRow("any6") << "any6";
    }
    void namedChoicesMapToKeywords() {
        QFETCH(QString, keyword);
        ListenerDialog dialog;
        dialog.show();
        const int item = dialog.addressEdit()->findData(keyword);
        QVERIFY(item >= 0);
        dialog.addressEdit()->setCurrentIndex(item);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().address, keyword);
    }

    void replyResponderNeedsReadableFile() {
        QTemporaryFile reply;
        QVERIFY(reply.open());
        reply.write("HTTP/1.0 200 OK\r\n\r\nhi");
        reply.flush();

        ListenerDialog dialog;
        dialog.show();
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Reply)));
        QVERIFY(dialog.replyFileEdit()->isEnabled());
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.replyFileError()->isVisible());

        QTest::keyClicks(dialog.replyFileEdit(), QStringLiteral("/nonexistent/reply.txt"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.replyFileError()->text().contains(u"/nonexistent/reply.txt"));

        // A device never ends: refused with what it is, as --respond does.
        dialog.replyFileEdit()->clear();
        QTest::keyClicks(dialog.replyFileEdit(), QStringLiteral("/dev/zero"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.replyFileError()->text().contains(u"a character device"),
                 qPrintable(dialog.replyFileError()->text()));

        dialog.replyFileEdit()->setText(reply.fileName());
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(!dialog.replyFileError()->isVisible());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().responder.kind, ResponderConfig::Kind::Reply);
        QCOMPARE(dialog.config().responder.replyFile->path(), reply.fileName());
    }

    void forwardNeedsHostAndPort() {
        ListenerDialog dialog;
        dialog.show();
        auto* upstream = parts::find<QLineEdit>(dialog, "forwardTo");
        QVERIFY(!upstream->isEnabled());
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Forward)));
        QVERIFY(upstream->isEnabled());
        QVERIFY(!dialog.okButton()->isEnabled());

        QTest::keyClicks(upstream, QStringLiteral("example.test"));
        QVERIFY(!dialog.okButton()->isEnabled()); // no port
        upstream->clear();
        QTest::keyClicks(upstream, QStringLiteral("127.0.0.1:0"));
        QVERIFY(!dialog.okButton()->isEnabled()); // port 0 is no server
        upstream->clear();
        QTest::keyClicks(upstream, QStringLiteral("[::1]:6379"));
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().responder.name(), QStringLiteral("forward:[::1]:6379"));
    }

    // forward-tls:HOST:PORT, as the window says it: the relay's leg to the
    // server gets the client side's options.
    void forwardWithTlsGivesTheUpstreamClientOptions() {
        ListenerDialog dialog;
        dialog.show();
        auto* upstreamTls = parts::find<TlsOptionsBox>(dialog, "upstreamTls");
        QVERIFY(!upstreamTls->isEnabled()); // only a relay has a server to reach
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Forward)));
        QTest::keyClicks(parts::find<QLineEdit>(dialog, "forwardTo"),
                         QStringLiteral("127.0.0.1:8443"));
        QVERIFY(upstreamTls->isEnabled());
        auto* sni = parts::find<QLineEdit>(upstreamTls, "tlsServerName");
        QVERIFY(!sni->isVisible()); // a plain relay's dialog stays short
        upstreamTls->setChecked(true);
        QVERIFY(sni->isVisible());
        QTest::keyClicks(sni, QStringLiteral("api.example.test"));
        QTest::keyClicks(parts::find<QLineEdit>(upstreamTls, "tlsCaFile"),
                         QStringLiteral("/etc/test-ca.pem"));
        parts::find<QCheckBox>(upstreamTls, "tlsVerify")->setChecked(false);
        QTest::keyClicks(parts::find<QLineEdit>(upstreamTls, "tlsAlpn"),
                         QStringLiteral("h2, http/1.1"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const ListenerConfig config = dialog.config();
        QCOMPARE(config.responder.name(), QStringLiteral("forward-tls:127.0.0.1:8443"));
        const TlsOptions& tls = config.responder.upstreamTls;
        QVERIFY(tls.enabled);
        QCOMPARE(tls.sni, QStringLiteral("api.example.test"));
        QCOMPARE(tls.caFile, QStringLiteral("/etc/test-ca.pem"));
        QVERIFY(!tls.verify);
        QCOMPARE(tls.alpn, (QStringList{QStringLiteral("h2"), QStringLiteral("http/1.1")}));
        QVERIFY(!config.tls.enabled); // the clients' side stays plain

        // Shown again as chosen, e.g. to retry a failed listener.
        ListenerDialog again;
        again.setConfig(config);
        auto* againTls = parts::find<TlsOptionsBox>(again, "upstreamTls");
        QVERIFY(againTls->isChecked());
        QCOMPARE(parts::find<QLineEdit>(againTls, "tlsServerName")->text(),
                 QStringLiteral("api.example.test"));
    }

    void upstreamTlsCountsOnlyForForwarding() {
        ListenerDialog dialog;
        dialog.show();
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Forward)));
        QTest::keyClicks(parts::find<QLineEdit>(dialog, "forwardTo"),
                         QStringLiteral("127.0.0.1:8443"));
        parts::find<TlsOptionsBox>(dialog, "upstreamTls")->setChecked(true);
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Echo)));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.config().responder.name(), QStringLiteral("echo"));
        QVERIFY(!dialog.config().responder.upstreamTls.enabled);
    }

    void tlsListenerCanRequestClientCertificates() {
        ListenerDialog dialog;
        dialog.show();
        auto* tls = parts::find<TlsOptionsBox>(dialog, "listenerTls");
        tls->setChecked(true);
        auto* clientCa = parts::find<QLineEdit>(tls, "tlsCaFile");
        QVERIFY(!clientCa->isEnabled()); // only a server that asks verifies
        auto* request = parts::find<QCheckBox>(tls, "requestClientCert");
        QTest::mouseClick(request, Qt::LeftButton);
        QVERIFY(request->isChecked());
        QVERIFY(clientCa->isEnabled());
        QTest::keyClicks(clientCa, QStringLiteral("/etc/clients-ca.pem"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.config().tls.enabled);
        QVERIFY(dialog.config().tls.requestClientCert);
        QCOMPARE(dialog.config().tls.caFile, QStringLiteral("/etc/clients-ca.pem"));

        // Unchecked again, the CA typed is not used.
        ListenerDialog again;
        again.show();
        ListenerConfig config = dialog.config();
        again.setConfig(config);
        parts::find<QCheckBox>(again, "requestClientCert")->setChecked(false);
        QTest::mouseClick(again.okButton(), Qt::LeftButton);
        QVERIFY(!again.config().tls.requestClientCert);
        QVERIFY(again.config().tls.caFile.isEmpty());
    }

    void rewriteRulesAreCheckedLineByLine() {
        ListenerDialog dialog;
        dialog.show();
        auto* rules = parts::find<QPlainTextEdit>(dialog, "rewriteRules");
        QVERIFY(!rules->isEnabled()); // only a relay rewrites
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Forward)));
        QTest::keyClicks(parts::find<QLineEdit>(dialog, "forwardTo"),
                         QStringLiteral("127.0.0.1:6379"));
        QVERIFY(rules->isEnabled());
        rules->setPlainText(QStringLiteral("up:s/secret/******/\n\nsideways:s/a/b/"));
        QVERIFY(!dialog.okButton()->isEnabled());
        const QString error = parts::find<QLabel>(dialog, "rewriteRulesError")->text();
        QVERIFY2(error.startsWith(u"Rule on line 3: 'sideways:s/a/b/'"), qPrintable(error));
        rules->setPlainText(QStringLiteral("up:s/secret/******/\n\ndown:x/de ad/be ef/"));
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const RewriteRules accepted = dialog.config().responder.rewrites;
        QCOMPARE(accepted.size(), 2);
        QCOMPARE(accepted[0].direction, RewriteRule::Direction::Up);
        QCOMPARE(accepted[1].pattern, QByteArray("\xde\xad"));
        // Shown again as typed.
        ListenerDialog again;
        again.setConfig(dialog.config());
        QCOMPARE(parts::find<QPlainTextEdit>(again, "rewriteRules")->toPlainText(),
                 QStringLiteral("up:s/secret/******/\ndown:x/de ad/be ef/"));
    }

    // OK alone remembers nothing: the kernel may still refuse the bind.
    // What worked comes back next time, and Restore Defaults undoes it.
    void remembersOnlyWhatWorked() {
        {
            ListenerDialog dialog;
            dialog.show();
            dialog.portEdit()->setValue(4242);
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(ListenerDialog().portEdit()->value(), 0);

        ListenerConfig worked;
        worked.address = QStringLiteral("::1");
        worked.port = 4242;
        worked.backlog = 7;
        worked.responder.kind = ResponderConfig::Kind::Echo;
        ListenerDialog::rememberWorking(worked);
        ListenerDialog again;
        again.show();
        QCOMPARE(again.portEdit()->value(), 4242);
        QCOMPARE(again.backlogEdit()->value(), 7);
        QCOMPARE(ResponderConfig::Kind(again.responderEdit()->currentData().toInt()),
                 ResponderConfig::Kind::Echo);
        QTest::mouseClick(again.okButton(), Qt::LeftButton);
        QCOMPARE(again.config().address, QStringLiteral("::1"));

        ListenerDialog reset;
        reset.show();
        auto* buttons = reset.findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(reset.portEdit()->value(), 0);
        QCOMPARE(reset.backlogEdit()->value(), ListenerConfig::kDefaultBacklog);
        QCOMPARE(ResponderConfig::Kind(reset.responderEdit()->currentData().toInt()),
                 ResponderConfig::Kind::Manual);
        QTest::mouseClick(reset.okButton(), Qt::LeftButton);
        QCOMPARE(reset.config().address, QStringLiteral("localhost"));
    }

    void cancelKeepsPreviousValues() {
        ListenerDialog dialog;
        dialog.show();
        dialog.portEdit()->setValue(5555);
        dialog.reject();
        ListenerDialog again;
        QCOMPARE(again.portEdit()->value(), 0);
    }
};

QTEST_MAIN(tst_ListenerDialog)
#include "tst_listenerdialog.moc"
