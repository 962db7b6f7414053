#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace sockscope {

// What a rule's reply may fill in when it is sent (docs/rules-format.md).
struct ReplyContext {
    QByteArray message;
    QList<QByteArray> numbered;              // ${0}, ${1}, ...: the first regex that matched
    QList<QPair<QString, QByteArray>> named; // ${name}: every regex that matched
    qint64 listenerCounter = 0;              // ${counter}
    qint64 connectionCounter = 0;            // ${conn_counter}
    int conn = 0;                            // ${conn}
    QString peer;                            // ${peer}
};

// A reply's text, cut once into literal bytes and the macros between them.
class ReplyTemplate final {
public:
    // nullopt with *error naming the macro that is neither known nor one
    // of captureNames.
    static std::optional<ReplyTemplate> parse(const QString& text, const QStringList& captureNames,
                                              QString* error);
    QByteArray fill(const ReplyContext& context) const;

private:
    struct Piece {
        enum class Kind {
            Literal,
            Numbered,
            Named,
            Message,
            Counter,
            ConnCounter,
            Conn,
            Peer,
            Date,
            Time,
            Unix,
            Uuid,
            Random
        };
        Kind kind = Kind::Literal;
        QByteArray literal; // Literal
        QString name;       // Named
        int number = 0;     // Numbered: the group; Random: the byte count
    };
    std::vector<Piece> m_pieces;
};

} // namespace sockscope
