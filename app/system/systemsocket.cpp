#include "system/systemsocket.h"

#include <array>

namespace sockscope {

namespace {
constexpr std::array kStateNames{u"ESTABLISHED", u"SYN_SENT",  u"SYN_RECV", u"FIN_WAIT1",
                                 u"FIN_WAIT2",   u"TIME_WAIT", u"CLOSE",    u"CLOSE_WAIT",
                                 u"LAST_ACK",    u"LISTEN",    u"CLOSING",  u"NEW_SYN_RECV"};
} // namespace

QString tcpStateName(TcpState state) {
    const auto index = std::size_t(state) - 1;
    if (index < kStateNames.size())
        return QString::fromUtf16(kStateNames[index]);
    return QStringLiteral("0x") +
           QString::number(uint(state), 16).toUpper().rightJustified(2, u'0');
}

} // namespace sockscope
