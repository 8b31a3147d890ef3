"""marsad.places"""
