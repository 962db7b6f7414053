#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace sockscope {

// A message as typed in the send box: text with a line ending, or hex. The
// history and the saved library keep these, not bytes, so that a recalled
// message can be edited as it was written.
struct SendMessage {
    enum class Format { Text, Hex };
    enum class LineEnding { None, Lf, CrLf };

    Format format = Format::Text;
    QString text;
    LineEnding ending = LineEnding::Lf; // Text only

    // The bytes to send; nullopt, with the reason in error, when the hex is
    // malformed or there is nothing to send.
    std::optional<QByteArray> bytes(QString* error) const;

    // {"format": "text"|"hex", "text": ..., "lineEnding": "none"|"lf"|"crlf"}
    QJsonObject toJson() const;
    // nullopt, with the reason in error, for an object toJson() cannot have made.
    static std::optional<SendMessage> fromJson(const QJsonObject& object, QString* error);

    friend bool operator==(const SendMessage&, const SendMessage&) = default;
};

} // namespace sockscope
