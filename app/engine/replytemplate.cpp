#include "engine/replytemplate.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>

namespace sockscope {

namespace {
constexpr int kMaxRandomBytes = 65'536;
constexpr int kMaxNumberedGroup = 99;
// What one reply may grow to, so that a file cannot make gigabytes of one
// message: its random bytes in all, and its copies of the message or of
// captures (each up to a message's 1 MiB).
constexpr int kMaxRandomBytesPerReply = 1 << 20;
constexpr int kMaxCopiesPerReply = 16;
} // namespace

std::optional<ReplyTemplate> ReplyTemplate::parse(const QString& text,
                                                  const QStringList& captureNames, QString* error) {
    using Kind = Piece::Kind;
    static const QList<QPair<QString, Kind>> macros = {
        {QStringLiteral("message"), Kind::Message},
        {QStringLiteral("counter"), Kind::Counter},
        {QStringLiteral("conn_counter"), Kind::ConnCounter},
        {QStringLiteral("conn"), Kind::Conn},
        {QStringLiteral("peer"), Kind::Peer},
        {QStringLiteral("date"), Kind::Date},
        {QStringLiteral("time"), Kind::Time},
        {QStringLiteral("unix"), Kind::Unix},
        {QStringLiteral("uuid"), Kind::Uuid}};
    ReplyTemplate out;
    QString literal;
    const auto flush = [&] {
        if (!literal.isEmpty())
            out.m_pieces.push_back({Kind::Literal, literal.toUtf8(), {}, 0});
        literal.clear();
    };
    for (qsizetype i = 0; i < text.size();) {
        if (text.mid(i, 3) == u"$${") {
            literal += QStringLiteral("${");
            i += 3;
            continue;
        }
        if (text.mid(i, 2) != u"${") {
            literal += text.at(i++);
            continue;
        }
        const qsizetype end = text.indexOf(u'}', i + 2);
        if (end < 0) {
            *error = QStringLiteral("'${' at %1 has no closing '}'").arg(i);
            return std::nullopt;
        }
        const QString name = text.mid(i + 2, end - i - 2);
        i = end + 1;
        flush();
        Piece piece;
        bool isNumber = false;
        const int number = name.toInt(&isNumber);
        const auto macro = std::find_if(macros.cbegin(), macros.cend(),
                                        [&](const auto& entry) { return entry.first == name; });
        if (isNumber && name.at(0).isDigit() && number <= kMaxNumberedGroup) {
            piece.kind = Kind::Numbered;
            piece.number = number;
        } else if (name.startsWith(u"random:")) {
            bool ok = false;
            piece.kind = Kind::Random;
            piece.number = name.mid(7).toInt(&ok);
            if (!ok || piece.number < 1 || piece.number > kMaxRandomBytes) {
                *error = QStringLiteral("${%1}: random takes 1 to %2 bytes")
                             .arg(name)
                             .arg(kMaxRandomBytes);
                return std::nullopt;
            }
        } else if (captureNames.contains(name)) {
            piece.kind = Kind::Named;
            piece.name = name;
        } else if (macro != macros.cend()) {
            piece.kind = macro->second;
        } else {
            *error = QStringLiteral("${%1} is neither a macro nor a named capture of the rule's "
                                    "regex (macros: 0-99, message, counter, conn_counter, conn, "
                                    "peer, date, time, unix, uuid, random:N; $${ is a literal ${)")
                         .arg(name.left(40));
            return std::nullopt;
        }
        out.m_pieces.push_back(std::move(piece));
    }
    flush();
    int randomBytes = 0;
    int copies = 0;
    for (const Piece& piece : out.m_pieces) {
        randomBytes += piece.kind == Kind::Random ? piece.number : 0;
        copies += piece.kind == Kind::Message || piece.kind == Kind::Numbered ||
                  piece.kind == Kind::Named;
    }
    if (randomBytes > kMaxRandomBytesPerReply || copies > kMaxCopiesPerReply) {
        *error = QStringLiteral("a reply may hold at most %1 random bytes and %2 copies of the "
                                "message or its captures")
                     .arg(kMaxRandomBytesPerReply)
                     .arg(kMaxCopiesPerReply);
        return std::nullopt;
    }
    return out;
}

QByteArray ReplyTemplate::fill(const ReplyContext& context) const {
    using Kind = Piece::Kind;
    QByteArray out;
    for (const Piece& piece : m_pieces) {
        switch (piece.kind) {
        case Kind::Literal:
            out += piece.literal;
            break;
        case Kind::Numbered:
            out += context.numbered.value(piece.number);
            break;
        case Kind::Named:
            for (const auto& [name, bytes] : context.named) {
                if (name == piece.name) {
                    out += bytes;
                    break;
                }
            }
            break;
        case Kind::Message:
            out += context.message;
            break;
        case Kind::Counter:
            out += QByteArray::number(context.listenerCounter);
            break;
        case Kind::ConnCounter:
            out += QByteArray::number(context.connectionCounter);
            break;
        case Kind::Conn:
            out += QByteArray::number(context.conn);
            break;
        case Kind::Peer:
            out += context.peer.toUtf8();
            break;
        case Kind::Date:
            out += QDate::currentDate().toString(Qt::ISODate).toLatin1();
            break;
        case Kind::Time:
            out += QTime::currentTime().toString(QStringLiteral("HH:mm:ss")).toLatin1();
            break;
        case Kind::Unix:
            out += QByteArray::number(QDateTime::currentSecsSinceEpoch());
            break;
        case Kind::Uuid:
            out += QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            break;
        case Kind::Random: {
            QByteArray random(piece.number, Qt::Uninitialized);
            for (char& byte : random)
                byte = char(QRandomGenerator::global()->bounded(256));
            out += random;
            break;
        }
        }
    }
    return out;
}

} // namespace sockscope
