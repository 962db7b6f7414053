#pragma once

#include "base/dropcount.h"
#include "base/listenerqueue.h"

#include <QHash>
#include <QMetaType>
#include <QString>

namespace sockscope {

// A snapshot of the session's totals, sent with every batch of events.
struct SessionStats {
    int listeners = 0;
    int openConnections = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 captureUsed = 0;
    qint64 captureBudget = 0;
    DropCount dropped;
    QString recordingPath; // empty when not recording
    qint64 recordedBytes = 0;
    // By listener id, for every listener still listening: polled every
    // ListenerQueueWatch::kQueuePollPausedMs while one is paused, kQueuePollMs
    // otherwise.
    QHash<int, ListenerQueue> listenerQueues;
};

} // namespace sockscope

Q_DECLARE_METATYPE(sockscope::SessionStats)
