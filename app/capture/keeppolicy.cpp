#include "capture/keeppolicy.h"

#include <QList>
#include <QPair>

#include <algorithm>

namespace sockscope {

std::optional<qint64> parseByteSize(const QString& text) {
    // "268435456", "256M", "1G", "64k": binary multiples.
    static const QList<QPair<QChar, qint64>> suffixes{
        {u'k', 1ll << 10}, {u'm', 1ll << 20}, {u'g', 1ll << 30}};
    QString digits = text.trimmed().toLower();
    qint64 multiplier = 1;
    // One suffix at most: "1mk" is not a size.
    for (const auto& [suffix, factor] : suffixes) {
        if (digits.endsWith(suffix)) {
            digits.chop(1);
            multiplier = factor;
            break;
        }
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value < 0 || value > (qint64(1) << 50) / multiplier)
        return std::nullopt;
    return value * multiplier;
}

std::optional<KeepPolicy> KeepPolicy::parse(const QString& spec, QString* error) {
    if (spec == u"all")
        return KeepPolicy{};
    if (spec == u"none")
        return KeepPolicy{Mode::None, 0};
    if (spec.startsWith(u"head:")) {
        if (const auto size = parseByteSize(spec.mid(5)); size && *size > 0)
            return KeepPolicy{Mode::Head, *size};
    }
    *error = QStringLiteral("bad keep policy '%1': expected all, head:SIZE (e.g. head:64K) or none")
                 .arg(spec);
    return std::nullopt;
}

QString KeepPolicy::name() const {
    switch (mode) {
    case Mode::All:
        return QStringLiteral("all");
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Head:
        break;
    }
    for (const auto& [suffix, unit] :
         {std::pair{u'G', 1ll << 30}, {u'M', 1ll << 20}, {u'K', 1ll << 10}}) {
        if (headBytes % unit == 0)
            return QStringLiteral("head:%1%2").arg(headBytes / unit).arg(QChar(suffix));
    }
    return QStringLiteral("head:%1").arg(headBytes);
}

qint64 KeepPolicy::keptOf(qint64 before, qint64 size) const {
    switch (mode) {
    case Mode::All:
        return size;
    case Mode::None:
        return 0;
    case Mode::Head:
        break;
    }
    return std::clamp<qint64>(headBytes - before, 0, size);
}

} // namespace sockscope
