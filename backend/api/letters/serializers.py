from rest_framework import serializers

from backend.letters.sandbox import MAX_SUBJECT, MAX_TEXT


class LetterVariableSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    is_list = serializers.BooleanField()


class LetterVersionSerializer(serializers.Serializer):
    """One saved version: who saved it, when, what it says."""

    number = serializers.IntegerField(min_value=1)
    subject = serializers.CharField()
    text = serializers.CharField()
    uses_default = serializers.BooleanField(help_text="The version restored the shipped text.")
    author = serializers.CharField(source="author.username")
    created_at = serializers.DateTimeField()


class LetterKindSerializer(serializers.Serializer):
    """A kind of letter of the call and whether its text is edited."""

    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field: DRF pops it from the class
    is_email = serializers.BooleanField()
    edited = serializers.BooleanField()
    latest_version = serializers.IntegerField(
        source="latest.number", allow_null=True, default=None, min_value=1
    )
    variables = LetterVariableSerializer(many=True)


class LetterSerializer(serializers.Serializer):
    """The text in force (`version` null: the shipped default), the shipped text and the
    variables the text may use."""

    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field: DRF pops it from the class
    is_email = serializers.BooleanField()
    version = LetterVersionSerializer(allow_null=True)
    subject = serializers.CharField()
    text = serializers.CharField()
    default_subject = serializers.CharField()
    default_text = serializers.CharField()
    variables = LetterVariableSerializer(many=True)


class LetterInputSerializer(serializers.Serializer):
    """A new text; `subject` only for e-mails."""

    subject = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_SUBJECT, default=""
    )
    text = serializers.CharField(max_length=MAX_TEXT, trim_whitespace=False)


class LetterPreviewInputSerializer(serializers.Serializer):
    """The plan of the call to preview with; with `text` (and `subject`) an unsaved draft is
    previewed, without it the text in force."""

    plan = serializers.IntegerField(min_value=1)
    subject = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_SUBJECT, default=""
    )
    text = serializers.CharField(required=False, max_length=MAX_TEXT, trim_whitespace=False)


class LetterPreviewSerializer(serializers.Serializer):
    kind = serializers.CharField()
    subject = serializers.CharField(help_text="E-mails only; empty for the PDF letters.")
    text = serializers.CharField(help_text="The body as plain text.")
    html = serializers.CharField(
        help_text="The whole document's HTML (PDF letters) or the message as paragraphs."
    )
