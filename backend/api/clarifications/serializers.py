"""The thread's API shapes: a message as the caller may read it, the input of a post."""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.clarifications.models import Audience, Message, MessageAttachment


class MessageAttachmentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = MessageAttachment
        fields = ["id", "original_name", "size", "download_url"]

    def get_download_url(self, attachment: MessageAttachment) -> str:
        return reverse(
            "api:plan-message-attachment", args=[attachment.message.plan_id, attachment.pk]
        )


class MessageSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()
    attachments = MessageAttachmentSerializer(many=True, read_only=True)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "audience", "author", "body", "created_at", "attachments", "unread"]

    def get_author(self, message: Message) -> str:
        return message.author.get_full_name() or message.author.get_username()

    def get_unread(self, message: Message) -> bool:
        """Newer than the caller's read mark and written by someone else."""
        context: Mapping[str, Any] = self.context
        return bool(
            message.pk > context.get("read_up_to", 0)
            and message.author_id != context.get("user_id")
        )


class MessageInput(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Audience.choices)
    body = serializers.CharField(max_length=4000)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ReadMarkSerializer(serializers.Serializer):
    last_read_id = serializers.IntegerField()
