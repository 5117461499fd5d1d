#pragma once

#include "domain/Messaging.h"

#include <QStyledItemDelegate>

namespace sb {

// A thread row of the list: channel badge, lead, time, last message and the unread count.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor channelColor(Channel channel);
    // A one-character glyph per channel, drawn in the badge.
    static QString channelGlyph(Channel channel);
};

} // namespace sb
