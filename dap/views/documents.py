"""The espace documentaire of a request: add, download (scoped), remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from dap.forms import DocumentForm
from dap.services.requests import document_add, document_delete
from dap.views.common import visible_request


@require_POST
def document_upload(request, number):
    dap = visible_request(request.user, number, for_update=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("dap:detail", number=dap.number)
    try:
        document = document_add(request=dap, upload=form.cleaned_data["file"], user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Pièce « {document.original_name} » ajoutée.")
    return redirect(f"{dap.get_absolute_url()}#documents")


def document_download(request, number, document_id):
    dap = visible_request(request.user, number)
    document = get_object_or_404(dap.documents, pk=document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@require_POST
def document_remove(request, number, document_id):
    dap = visible_request(request.user, number, for_update=True)
    document = get_object_or_404(dap.documents, pk=document_id)
    try:
        document_delete(document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Pièce « {document.original_name} » retirée.")
    return redirect(f"{dap.get_absolute_url()}#documents")
