#include "clientdialog.h"
#include "findpart.h"
#include "tlsoptionsbox.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace sockscope;

class tst_ClientDialog final : public QObject {
    Q_OBJECT

private:
    static void typeHost(ClientDialog& dialog, const QString& text) {
        QLineEdit* edit = dialog.hostEdit()->lineEdit();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void sourceAndSocketOptionsByKeyboard();
    void badSourceIsShown_data();
    void badSourceIsShown();
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clientdialog"));
    }
    void init() { QSettings().clear(); }

    void host_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port"); // -1: the port box's value
        QTest::newRow("name") << "localhost" << true << "localhost" << -1;
        QTest::newRow("IPv4") << "127.0.0.1" << true << "127.0.0.1" << -1;
        QTest::newRow("bare IPv6") << "::1" << true << "::1" << -1;
        QTest::newRow("bracketed IPv6") << "[::1]" << true << "::1" << -1;
        QTest::newRow("host:port") << "example.org:8443" << true << "example.org" << 8443;
        QTest::newRow("[v6]:port") << "[::1]:9000" << true << "::1" << 9000;
        QTest::newRow("empty") << "" << false << "" << 0;
        QTest::newRow("space") << "local host" << false << "" << 0;
        QTest::newRow("port 0") << "localhost:0" << false << "" << 0;
        QTest::newRow("bad port") << "localhost:http" << false << "" << 0;
    }
    void host() {
        QFETCH(QString, typed);
        QFETCH(bool, valid);
        QFETCH(QString, host);
        QFETCH(int, port);
        ClientDialog dialog;
        dialog.show();
        dialog.portEdit()->setValue(1234);
        typeHost(dialog, typed);
        QCOMPARE(dialog.okButton()->isEnabled(), valid);
        QCOMPARE(dialog.hostError()->isVisible(), !valid);
        if (!valid)
            return;
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().host, host);
        QCOMPARE(int(dialog.config().port), port < 0 ? 1234 : port);
    }

    void sendOnConnectUnescapes() {
        ClientDialog dialog;
        dialog.show();
        typeHost(dialog, QStringLiteral("localhost"));
        QTest::keyClicks(dialog.sendOnConnectEdit(), QStringLiteral("GET / HTTP/1.0\\r\\n\\r\\n"));
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.config().sendOnConnect, QByteArray("GET / HTTP/1.0\r\n\r\n"));
        QVERIFY(!dialog.config().halfCloseAfterSend);
    }

    void oneExchangeHalfClosesAfterSending() {
        ClientDialog dialog;
        dialog.show();
        typeHost(dialog, QStringLiteral("localhost"));
        QTest::keyClicks(dialog.sendOnConnectEdit(), QStringLiteral("ping"));
        QTest::mouseClick(dialog.oneExchangeBox(), Qt::LeftButton);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.config().halfCloseAfterSend);
    }

    void badEscapeIsShown() {
        ClientDialog dialog;
        dialog.show();
        QTest::keyClicks(dialog.sendOnConnectEdit(), QStringLiteral("\\xZZ"));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.sendError()->isVisible());
        QVERIFY(!dialog.sendError()->text().isEmpty());
    }

    // Mutual TLS from the window: the certificate and key to present.
    void tlsTakesAClientCertificate() {
        ClientDialog dialog;
        dialog.show();
        typeHost(dialog, QStringLiteral("localhost:8443"));
        auto* tls = dialog.findChild<TlsOptionsBox*>();
        QVERIFY(tls);
        tls->setChecked(true);
        QTest::keyClicks(parts::find<QLineEdit>(tls, "tlsClientCertificate"),
                         QStringLiteral("/etc/me.pem"));
        QTest::keyClicks(parts::find<QLineEdit>(tls, "tlsClientKey"),
                         QStringLiteral("/etc/me-key.pem"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const TlsOptions options = dialog.config().tls;
        QVERIFY(options.enabled);
        QCOMPARE(options.certFile, QStringLiteral("/etc/me.pem"));
        QCOMPARE(options.keyFile, QStringLiteral("/etc/me-key.pem"));
        QVERIFY(options.verify);
    }
    void remembersRecentHostsAndPort() {
        for (const QString& host : {QStringLiteral("alpha.test"), QStringLiteral("beta.test"),
                                    QStringLiteral("alpha.test")}) {
            ClientDialog dialog;
            dialog.show();
            typeHost(dialog, host);
            dialog.portEdit()->setValue(7070);
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        ClientDialog again;
        QCOMPARE(again.hostEdit()->count(), 2);
        QCOMPARE(again.hostEdit()->itemText(0), QStringLiteral("alpha.test"));
        QCOMPARE(again.hostEdit()->itemText(1), QStringLiteral("beta.test"));
        QCOMPARE(again.hostEdit()->currentText(), QStringLiteral("alpha.test"));
        QCOMPARE(again.portEdit()->value(), 7070);
    }
};

void tst_ClientDialog::sourceAndSocketOptionsByKeyboard() {
    ClientDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    typeHost(dialog, QStringLiteral("127.0.0.1:8080"));
    auto* address = dialog.findChild<QLineEdit*>(QStringLiteral("sourceAddress"));
    auto* port = dialog.findChild<QSpinBox*>(QStringLiteral("sourcePort"));
    auto* noDelay = dialog.findChild<QCheckBox*>(QStringLiteral("noDelay"));
    auto* keepAlive = dialog.findChild<QCheckBox*>(QStringLiteral("keepAlive"));
    QVERIFY(address && port && noDelay && keepAlive);
    // The defaults are what any plain client gets.
    QCOMPARE(port->value(), 0);
    QVERIFY(!noDelay->isChecked() && !keepAlive->isChecked());

    // Tab goes on from the payload policy to the socket's fields, in order.
    dialog.hostEdit()->setFocus();
    QWidget* previous = nullptr;
    QList<QWidget*> visited;
    for (int i = 0; i < 20 && !visited.contains(keepAlive); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        if (QApplication::focusWidget() != previous)
            visited.append(QApplication::focusWidget());
        previous = QApplication::focusWidget();
    }
    const qsizetype at = visited.indexOf(address);
    QVERIFY(at >= 0);
    QCOMPARE(visited.mid(at), (QList<QWidget*>{address, port, noDelay, keepAlive}));

    QCOMPARE(QApplication::focusWidget(), keepAlive);
    QTest::keyClick(keepAlive, Qt::Key_Space);
    QTest::keyClick(keepAlive, Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget(), noDelay);
    QTest::keyClick(noDelay, Qt::Key_Space);
    QTest::keyClicks(address, QStringLiteral("localhost"));
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("40000"));
    QVERIFY(dialog.okButton()->isEnabled());
    QTest::keyClick(address, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ClientConfig config = dialog.config();
    QCOMPARE(config.sourceAddress, QStringLiteral("localhost"));
    QCOMPARE(config.sourcePort, quint16(40000));
    QVERIFY(config.noDelay);
    QVERIFY(config.keepAlive);

    // The two options are remembered; the source is asked afresh.
    ClientDialog again;
    QVERIFY(again.findChild<QCheckBox*>(QStringLiteral("noDelay"))->isChecked());
    QVERIFY(again.findChild<QCheckBox*>(QStringLiteral("keepAlive"))->isChecked());
    QVERIFY(again.findChild<QLineEdit*>(QStringLiteral("sourceAddress"))->text().isEmpty());
    QCOMPARE(again.findChild<QSpinBox*>(QStringLiteral("sourcePort"))->value(), 0);
}

void tst_ClientDialog::badSourceIsShown_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("mentions"); // empty: valid
    QTest::newRow("empty") << "::1"
                           << ""
                           << "";
    QTest::newRow("any6 reaches either") << "127.0.0.1"
                                         << "any6"
                                         << "";
    QTest::newRow("a name") << "localhost"
                            << "gateway"
                            << "gateway";
    QTest::newRow("IPv4 to IPv6") << "[::1]:80"
                                  << "127.0.0.1"
                                  << "IPv4";
    QTest::newRow("IPv6 to IPv4") << "127.0.0.1"
                                  << "::1"
                                  << "IPv6";
    QTest::newRow("a name as target") << "localhost"
                                      << "::1"
                                      << "";
}

void tst_ClientDialog::badSourceIsShown() {
    QFETCH(QString, host);
    QFETCH(QString, source);
    QFETCH(QString, mentions);
    ClientDialog dialog;
    dialog.show();
    typeHost(dialog, host);
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("sourceAddress")), source);
    QCOMPARE(dialog.okButton()->isEnabled(), mentions.isEmpty());
    const auto errors = dialog.findChildren<QLabel*>();
    const bool shown = std::any_of(errors.cbegin(), errors.cend(), [&](const QLabel* label) {
        return label->isVisible() && !mentions.isEmpty() && label->text().contains(mentions);
    });
    QCOMPARE(shown, !mentions.isEmpty());
}

QTEST_MAIN(tst_ClientDialog)
#include "tst_clientdialog.moc"
