"""Contact persons through the API, only for those the company page shows them to
(crm.permissions.can_view_company_contacts); writes through crm.services.contact_create / contact_update."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from api.pagination import BoundedPageNumberPagination
from api.permissions import IsMember
from api.serializers import ContactDetailSerializer, ContactWriteSerializer
from api.views import service_errors
from crm import permissions as crm_permissions
from crm import selectors as crm_selectors
from crm import services as crm_services


@extend_schema_view(
    post=extend_schema(request=ContactWriteSerializer, responses={201: ContactDetailSerializer, 403: None}),
)
class CompanyContactList(generics.ListCreateAPIView):
    """A company's contact persons, 403 for someone the company page does not show them to (as adding a
    contact on the page); POST adds one through crm.services.contact_create."""

    serializer_class = ContactDetailSerializer
    permission_classes = [IsMember]
    pagination_class = BoundedPageNumberPagination

    def _company(self):
        company = crm_selectors.company_get_for_user(self.request.user, self.kwargs["pk"])
        crm_permissions.check(crm_permissions.can_view_company_contacts(self.request.user, company))  # 403
        return company

    def get_queryset(self):
        return self._company().contacts.select_related("company").order_by("pk")

    def create(self, request, *args, **kwargs):
        company = self._company()
        incoming = ContactWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            contact = crm_services.contact_create(actor=request.user, company=company, **incoming.validated_data)
        except ValidationError as error:
            raise service_errors(error) from error
        return Response(ContactDetailSerializer(contact).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(responses={200: ContactDetailSerializer, 404: None}),
    patch=extend_schema(request=ContactWriteSerializer, responses={200: ContactDetailSerializer, 404: None}),
)
class ContactDetail(generics.GenericAPIView):
    """One contact person, 404 for someone who may not see its company's contacts (as on the page); PATCH
    changes the fields sent through crm.services.contact_update."""

    serializer_class = ContactDetailSerializer
    permission_classes = [IsMember]

    def get_object(self):
        return crm_selectors.contact_get_for_user(self.request.user, self.kwargs["pk"])

    def get(self, request, pk: int):
        return Response(ContactDetailSerializer(self.get_object()).data)

    def patch(self, request, pk: int):
        contact = self.get_object()
        incoming = ContactWriteSerializer(contact, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        try:
            contact = crm_services.contact_update(actor=request.user, contact=contact, **incoming.validated_data)
        except ValidationError as error:
            raise service_errors(error) from error
        return Response(ContactDetailSerializer(contact).data)
