#include "bindprobedialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>

using namespace sockscope;

namespace {
QString outcomeFor(const BindProbeDialog& dialog, const QString& address) {
    const QTableWidget* table = dialog.table();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, BindProbeDialog::AddressColumn)->text() == address)
            return table->item(row, BindProbeDialog::OutcomeColumn)->text();
    }
    return {};
}
} // namespace

class tst_BindProbeDialog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void localhostIsReachableOnlyFromLoopback() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        BindProbeDialog dialog(u"127.0.0.1:%1"_qs.arg(server.serverPort()));
        QSignalSpy probed(&dialog, &BindProbeDialog::probed);
        dialog.show();
        QVERIFY(!dialog.probeButton()->isEnabled()); // probing started on its own
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 10000);

        QCOMPARE(outcomeFor(dialog, u"127.0.0.1"_qs), u"reachable"_qs);
        const QString viaIPv6 = outcomeFor(dialog, u"::1"_qs);
        QVERIFY2(!viaIPv6.startsWith(u"reachable"), qPrintable(viaIPv6));
        QVERIFY(dialog.table()
                    ->item(0, BindProbeDialog::SeenAsColumn)
                    ->text()
                    .startsWith(u"127.0.0.1:"));
        QVERIFY(dialog.probeButton()->isEnabled());

        dialog.probeButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 2, 10000);
        QCOMPARE(outcomeFor(dialog, u"127.0.0.1"_qs), u"reachable"_qs);
    }

    void dualStackListenerSeesIPv4AsMapped() {
        QTcpServer server;
        // Qt's Any is the dual-stack "::"; its AnyIPv6 would be IPv6 only.
        if (!server.listen(QHostAddress::Any, 0))
            QSKIP("no IPv6 on this machine");
        BindProbeDialog dialog(u"[::]:%1"_qs.arg(server.serverPort()));
        QSignalSpy probed(&dialog, &BindProbeDialog::probed);
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 10000);
        QCOMPARE(outcomeFor(dialog, u"127.0.0.1"_qs), u"reachable (IPv4 via dual stack)"_qs);
        QCOMPARE(outcomeFor(dialog, u"::1"_qs), u"reachable"_qs);
    }

    void notAnAddress() {
        BindProbeDialog dialog(u"garbage"_qs);
        QCOMPARE(dialog.table()->rowCount(), 0);
        QVERIFY(dialog.statusLabel()->text().startsWith(u"Not a listener's address"));
        QVERIFY(!dialog.probeButton()->isEnabled());
    }
};

QTEST_MAIN(tst_BindProbeDialog)
#include "tst_bindprobedialog.moc"
