#include "clientdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

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

QTEST_MAIN(tst_ClientDialog)
#include "tst_clientdialog.moc"
