#include "models/timeformat.h"

#include <QDateTime>

namespace sockscope {

QString formatLocalTimeUs(qint64 timeUs) {
    qint64 ms = timeUs / 1000;
    qint64 micros = timeUs % 1000;
    if (micros < 0) {
        micros += 1000;
        ms -= 1;
    }
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss.zzz") +
           QString::number(micros).rightJustified(3, u'0');
}

} // namespace sockscope
