#include "eventfactory.h"
#include "models/clearedconnections.h"
#include "models/connectionsmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace sockscope;

class tst_ClearedConnections final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // One signal per Clear closed, with every connection and listener that
    // left, however many runs of rows the list removed them in.
    void toldOnceWithEverythingThatLeft() {
        EventFactory events;
        ConnectionsModel model;
        ClearedConnections cleared(&model);
        QSignalSpy spy(&cleared, &ClearedConnections::cleared);
        model.applyBatch(
            {events.listen(1, u"127.0.0.1:8080"_qs),
             events.accept(2, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs),
             events.accept(3, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50001"_qs),
             events.accept(4, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50002"_qs),
             events.listen(5, u"127.0.0.1:9090"_qs), events.connect(6, u"127.0.0.1:8080"_qs),
             events.close(2, Closer::Peer), events.close(4, Closer::Local),
             events.error(6, ErrorCode::Refused, u"ECONNREFUSED"_qs), events.listenerStopped(5)},
            {});
        model.clearClosed();
        QCOMPARE(spy.count(), 0); // once the removal is over
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QSet<int>>(), (QSet<int>{2, 4, 6}));
        QCOMPARE(spy.at(0).at(1).value<QSet<int>>(), (QSet<int>{5}));
        model.clearClosed(); // nothing left to clear
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ClearedConnections)
#include "tst_clearedconnections.moc"
