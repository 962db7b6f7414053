#pragma once

#include "capture/streamframer.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace sockscope {

// How to cut a byte stream into messages, as a row of controls: chunks as
// read, lines, a delimiter (typed with the views' escapes) or a length
// prefix. The Messages view frames with it, and a relay's hold holds by it.
class FramingPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FramingPicker)
public:
    enum Framing { Chunks, Lines, Delimiter, LengthPrefix };

    explicit FramingPicker(QWidget* parent = nullptr);

    // nullopt: chunks as read, or a delimiter that does not parse (its error
    // shows beside it, and in error).
    std::optional<FramingRule> rule(QString* error = nullptr) const;

Q_SIGNALS:
    void changed();

private:
    void update();

    QComboBox* m_framing = nullptr;
    QLineEdit* m_delimiter = nullptr;
    QLabel* m_delimiterError = nullptr;
    QComboBox* m_prefix = nullptr;
};

} // namespace sockscope
